using System.Buffers.Binary;
using System.IO.Hashing;
using System.Net;
using System.Security.Cryptography;

namespace ContactCenter.Media.WebRtc;

/// <summary>
/// A received STUN message (RFC 8489 §5): type, transaction id and attributes, read from its own copy of the bytes, with
/// the checks of MESSAGE-INTEGRITY (HMAC-SHA1, §14.5) and FINGERPRINT (CRC-32, §14.7) over exactly the bytes that preceded them.
/// </summary>
public sealed class StunMessage
{
    /// <summary>The fixed magic cookie (RFC 8489 §5).</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>The header length.</summary>
    public const int HeaderLength = 20;

    /// <summary>Binding request.</summary>
    public const ushort BindingRequest = 0x0001;

    /// <summary>Binding success response.</summary>
    public const ushort BindingSuccess = 0x0101;

    /// <summary>Binding error response.</summary>
    public const ushort BindingError = 0x0111;

    private const uint FingerprintXor = 0x5354554E;

    private readonly byte[] _bytes;
    private readonly List<(ushort Type, int Offset, int Length)> _attributes;

    private StunMessage(byte[] bytes, ushort type, List<(ushort, int, int)> attributes)
    {
        _bytes = bytes;
        Type = type;
        _attributes = attributes;
    }

    /// <summary>The message type (method and class), e.g. <see cref="BindingRequest"/>.</summary>
    public ushort Type { get; }

    /// <summary>The 96-bit transaction id.</summary>
    public ReadOnlySpan<byte> TransactionId => _bytes.AsSpan(8, 12);

    /// <summary>True for a request (class bits 00).</summary>
    public bool IsRequest => (Type & 0x0110) == 0;

    /// <summary>
    /// Reads a STUN message: the first two bits zero, the magic cookie, a length that is a multiple of 4 and matches the
    /// datagram, and attributes that fit. False for anything else (it is then not STUN, or broken).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out StunMessage? message)
    {
        message = null;
        if (data.Length < HeaderLength || (data[0] & 0xC0) != 0 || BinaryPrimitives.ReadUInt32BigEndian(data[4..]) != MagicCookie)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (length % 4 != 0 || HeaderLength + length != data.Length)
        {
            return false;
        }

        var attributes = new List<(ushort, int, int)>();
        var offset = HeaderLength;
        while (offset < data.Length)
        {
            if (offset + 4 > data.Length)
            {
                return false;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            var valueLength = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            var padded = (valueLength + 3) & ~3;
            if (offset + 4 + padded > data.Length)
            {
                return false;
            }

            attributes.Add((type, offset, valueLength));
            offset += 4 + padded;
        }

        message = new StunMessage(data.ToArray(), BinaryPrimitives.ReadUInt16BigEndian(data), attributes);
        return true;
    }

    /// <summary>True when the message has an attribute of <paramref name="type"/> before any MESSAGE-INTEGRITY (later ones are ignored, §14.5).</summary>
    public bool Has(ushort type) => Find(type) is not null;

    /// <summary>The value of the first attribute of <paramref name="type"/> (before MESSAGE-INTEGRITY unless it is one of the two trailers), or empty.</summary>
    public ReadOnlySpan<byte> Get(ushort type) => Find(type) is { } a ? _bytes.AsSpan(a.Offset + 4, a.Length) : default;

    /// <summary>The address in XOR-MAPPED-ADDRESS (RFC 8489 §14.2), or null when there is none or it is malformed.</summary>
    public IPEndPoint? GetXorMappedAddress()
    {
        var value = Get(StunAttributeType.XorMappedAddress);
        if (value.Length < 8)
        {
            return null;
        }

        var port = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (MagicCookie >> 16));
        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, MagicCookie);
        TransactionId.CopyTo(mask[4..]);
        var size = value[1] switch { 1 => 4, 2 => 16, _ => 0 };
        if (size == 0 || value.Length < 4 + size)
        {
            return null;
        }

        Span<byte> address = stackalloc byte[size];
        for (var i = 0; i < size; i++)
        {
            address[i] = (byte)(value[4 + i] ^ mask[i]);
        }

        return new IPEndPoint(new IPAddress(address), port);
    }

    /// <summary>
    /// RFC 8489 §14.5: true when MESSAGE-INTEGRITY is present and equals HMAC-SHA1(<paramref name="key"/>) over the message up
    /// to it, with the header's length counting up to its end. For ICE the key is the password itself (short-term, §9.1).
    /// </summary>
    public bool CheckIntegrity(ReadOnlySpan<byte> key)
    {
        if (FindRaw(StunAttributeType.MessageIntegrity) is not { Length: 20 } integrity)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[20];
        ComputeIntegrity(_bytes.AsSpan(0, integrity.Offset), key, expected);
        return CryptographicOperations.FixedTimeEquals(expected, _bytes.AsSpan(integrity.Offset + 4, 20));
    }

    /// <summary>Whether FINGERPRINT is present, and if so whether it matches (RFC 8489 §14.7); null when absent.</summary>
    public bool? CheckFingerprint()
    {
        if (FindRaw(StunAttributeType.Fingerprint) is not { } fingerprint)
        {
            return null;
        }

        return fingerprint.Length == 4 && fingerprint.Offset + 8 == _bytes.Length
            && ComputeFingerprint(_bytes.AsSpan(0, fingerprint.Offset)) == BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(fingerprint.Offset + 4));
    }

    /// <summary>HMAC-SHA1 of <paramref name="before"/> (header and attributes before MESSAGE-INTEGRITY) with the length field set to include it.</summary>
    internal static void ComputeIntegrity(ReadOnlySpan<byte> before, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        var copy = before.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2), (ushort)(before.Length - HeaderLength + 24));
        // RFC 8489 §14.5 fixes HMAC-SHA1 for MESSAGE-INTEGRITY (SHA-256 is a separate attribute browsers do not send).
        CryptographicOperations.HmacData(HashAlgorithmName.SHA1, key, copy, destination);
    }

    /// <summary>CRC-32 of <paramref name="before"/> with the length field set to include an 8-byte FINGERPRINT, XOR 0x5354554E.</summary>
    internal static uint ComputeFingerprint(ReadOnlySpan<byte> before)
    {
        var copy = before.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2), (ushort)(before.Length - HeaderLength + 8));
        return Crc32.HashToUInt32(copy) ^ FingerprintXor;
    }

    private (int Offset, int Length)? Find(ushort type)
    {
        foreach (var (t, offset, length) in _attributes)
        {
            if (t == StunAttributeType.MessageIntegrity && type != StunAttributeType.MessageIntegrity && type != StunAttributeType.Fingerprint)
            {
                return null; // §14.5: attributes after MESSAGE-INTEGRITY are ignored, FINGERPRINT excepted
            }

            if (t == type)
            {
                return (offset, length);
            }
        }

        return null;
    }

    private (int Offset, int Length)? FindRaw(ushort type)
    {
        foreach (var (t, offset, length) in _attributes)
        {
            if (t == type)
            {
                return (offset, length);
            }
        }

        return null;
    }
}
