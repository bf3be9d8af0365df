using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace ContactCenter.Media.WebRtc;

/// <summary>Writes a STUN message (RFC 8489 §5, §14): attributes in order, then MESSAGE-INTEGRITY and FINGERPRINT when asked.</summary>
public sealed class StunMessageBuilder
{
    private readonly List<byte> _bytes = new(128);
    private readonly byte _padding;

    /// <summary>Starts a message of <paramref name="type"/> with <paramref name="transactionId"/> (12 bytes); <paramref name="padding"/> fills attribute padding (RFC 8489 allows any value).</summary>
    public StunMessageBuilder(ushort type, ReadOnlySpan<byte> transactionId, byte padding = 0)
    {
        if (transactionId.Length != 12)
        {
            throw new ArgumentException("A STUN transaction id has 12 bytes.", nameof(transactionId));
        }

        _padding = padding;
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(header, type);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], StunMessage.MagicCookie);
        _bytes.AddRange(header);
        _bytes.AddRange(transactionId);
    }

    /// <summary>Adds an attribute.</summary>
    public StunMessageBuilder Add(ushort type, ReadOnlySpan<byte> value)
    {
        Span<byte> head = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(head, type);
        BinaryPrimitives.WriteUInt16BigEndian(head[2..], (ushort)value.Length);
        _bytes.AddRange(head);
        _bytes.AddRange(value);
        for (var i = value.Length; i % 4 != 0; i++)
        {
            _bytes.Add(_padding);
        }

        return this;
    }

    /// <summary>Adds XOR-MAPPED-ADDRESS for <paramref name="endPoint"/> (RFC 8489 §14.2).</summary>
    public StunMessageBuilder AddXorMappedAddress(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var raw = address.GetAddressBytes();
        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunMessage.MagicCookie);
        for (var i = 0; i < 12; i++)
        {
            mask[4 + i] = _bytes[8 + i];
        }

        var value = new byte[4 + raw.Length];
        value[1] = address.AddressFamily == AddressFamily.InterNetworkV6 ? (byte)2 : (byte)1;
        BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(2), (ushort)(endPoint.Port ^ (StunMessage.MagicCookie >> 16)));
        for (var i = 0; i < raw.Length; i++)
        {
            value[4 + i] = (byte)(raw[i] ^ mask[i]);
        }

        return Add(StunAttributeType.XorMappedAddress, value);
    }

    /// <summary>Adds ERROR-CODE (RFC 8489 §14.8).</summary>
    public StunMessageBuilder AddErrorCode(int code, string reason)
    {
        var text = System.Text.Encoding.UTF8.GetBytes(reason);
        var value = new byte[4 + text.Length];
        value[2] = (byte)(code / 100);
        value[3] = (byte)(code % 100);
        text.CopyTo(value, 4);
        return Add(StunAttributeType.ErrorCode, value);
    }

    /// <summary>The message, with MESSAGE-INTEGRITY keyed by <paramref name="integrityKey"/> when given and FINGERPRINT when asked.</summary>
    public byte[] Build(ReadOnlySpan<byte> integrityKey = default, bool fingerprint = true)
    {
        if (!integrityKey.IsEmpty)
        {
            Span<byte> mac = stackalloc byte[20];
            StunMessage.ComputeIntegrity(Snapshot(), integrityKey, mac);
            Add(StunAttributeType.MessageIntegrity, mac);
        }

        if (fingerprint)
        {
            Span<byte> crc = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, StunMessage.ComputeFingerprint(Snapshot()));
            Add(StunAttributeType.Fingerprint, crc);
        }

        var bytes = Snapshot();
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)(bytes.Length - StunMessage.HeaderLength));
        return bytes;
    }

    private byte[] Snapshot() => [.. _bytes];
}
