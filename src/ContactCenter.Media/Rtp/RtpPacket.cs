using System.Buffers.Binary;

namespace ContactCenter.Media.Rtp;

/// <summary>
/// An RTP packet (RFC 3550 §5.1) viewed over a span: parsing copies nothing, and a packet built from
/// parts is written into a caller's buffer. Only valid for as long as the spans it refers to.
/// </summary>
public readonly ref struct RtpPacket
{
    /// <summary>The only RTP version in use.</summary>
    public const int Version = 2;

    /// <summary>The size of the fixed header, before CSRCs and extension.</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>Creates a packet to be written.</summary>
    public RtpPacket(byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload)
    {
        PayloadType = payloadType;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        Payload = payload;
    }

    /// <summary>The marker bit (start of a talkspurt for audio, RFC 3551 §4.1).</summary>
    public bool Marker { get; init; }

    /// <summary>The payload type, 0-127.</summary>
    public byte PayloadType { get; init; }

    /// <summary>The sequence number.</summary>
    public ushort SequenceNumber { get; init; }

    /// <summary>The media timestamp in clock-rate units.</summary>
    public uint Timestamp { get; init; }

    /// <summary>The synchronisation source.</summary>
    public uint Ssrc { get; init; }

    /// <summary>The contributing sources as they are on the wire: 4 big-endian bytes each, at most 15.</summary>
    public ReadOnlySpan<byte> CsrcData { get; init; }

    /// <summary>The number of contributing sources.</summary>
    public int CsrcCount => CsrcData.Length / 4;

    /// <summary>Whether the packet carries a header extension (RFC 3550 §5.3.1).</summary>
    public bool HasExtension { get; init; }

    /// <summary>The header extension's profile-defined 16 bits.</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>The header extension's data, a multiple of 4 bytes.</summary>
    public ReadOnlySpan<byte> ExtensionData { get; init; }

    /// <summary>The number of padding bytes at the end, including the count byte; 0 for none.</summary>
    public int PaddingLength { get; init; }

    /// <summary>The payload, without padding.</summary>
    public ReadOnlySpan<byte> Payload { get; init; }

    /// <summary>The header length: fixed header, CSRCs and extension.</summary>
    public int HeaderLength => FixedHeaderLength + CsrcData.Length + (HasExtension ? 4 + ExtensionData.Length : 0);

    /// <summary>The length of the whole packet when written.</summary>
    public int Length => HeaderLength + Payload.Length + PaddingLength;

    /// <summary>The contributing source at <paramref name="index"/>.</summary>
    public uint GetCsrc(int index) => BinaryPrimitives.ReadUInt32BigEndian(CsrcData.Slice(index * 4, 4));

    /// <summary>Parses <paramref name="data"/> as one RTP packet; false if it is not valid RTP version 2.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket packet)
    {
        packet = default;
        if (data.Length < FixedHeaderLength || data[0] >> 6 != Version)
        {
            return false;
        }

        bool padding = (data[0] & 0x20) != 0;
        bool extension = (data[0] & 0x10) != 0;
        int csrcLength = (data[0] & 0x0F) * 4;
        int offset = FixedHeaderLength + csrcLength;
        if (data.Length < offset)
        {
            return false;
        }

        ushort profile = 0;
        ReadOnlySpan<byte> extensionData = default;
        if (extension)
        {
            if (data.Length < offset + 4)
            {
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            int extensionLength = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]) * 4;
            offset += 4;
            if (data.Length < offset + extensionLength)
            {
                return false;
            }

            extensionData = data.Slice(offset, extensionLength);
            offset += extensionLength;
        }

        // RFC 3550 §5.1: the last octet of padding counts the padding octets, itself included.
        int paddingLength = padding ? data[^1] : 0;
        if (padding && (paddingLength == 0 || data.Length - offset < paddingLength))
        {
            return false;
        }

        packet = new RtpPacket(
            (byte)(data[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            data[offset..^paddingLength])
        {
            Marker = (data[1] & 0x80) != 0,
            CsrcData = data.Slice(FixedHeaderLength, csrcLength),
            HasExtension = extension,
            ExtensionProfile = profile,
            ExtensionData = extensionData,
            PaddingLength = paddingLength,
        };
        return true;
    }

    /// <summary>Writes the packet into <paramref name="destination"/>; false if it does not fit or a field is out of range.</summary>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = Length;
        if (PayloadType > 127 || CsrcData.Length % 4 != 0 || CsrcCount > 15 || ExtensionData.Length % 4 != 0 ||
            ExtensionData.Length / 4 > ushort.MaxValue || (!HasExtension && !ExtensionData.IsEmpty) ||
            PaddingLength is < 0 or > 255 || destination.Length < length)
        {
            return false;
        }

        destination[0] = (byte)((Version << 6) | (PaddingLength > 0 ? 0x20 : 0) | (HasExtension ? 0x10 : 0) | CsrcCount);
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        CsrcData.CopyTo(destination[FixedHeaderLength..]);
        int offset = FixedHeaderLength + CsrcData.Length;
        if (HasExtension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(ExtensionData.Length / 4));
            ExtensionData.CopyTo(destination[(offset + 4)..]);
            offset += 4 + ExtensionData.Length;
        }

        Payload.CopyTo(destination[offset..]);
        offset += Payload.Length;
        if (PaddingLength > 0)
        {
            destination.Slice(offset, PaddingLength - 1).Clear();
            destination[offset + PaddingLength - 1] = (byte)PaddingLength;
        }

        bytesWritten = length;
        return true;
    }
}
