using System.Buffers.Binary;

namespace ContactCenter.Media.Rtp;

/// <summary>One reception report block of an SR or RR (RFC 3550 §6.4.1): what a receiver saw of one source.</summary>
/// <param name="Ssrc">The source reported on.</param>
/// <param name="FractionLost">Packets lost since the previous report, as a fraction of 256.</param>
/// <param name="CumulativeLost">Packets lost since the start (24-bit signed; duplicates can make it negative).</param>
/// <param name="ExtendedHighestSequence">Cycles of the 16-bit sequence number in the high half, the highest seen in the low half.</param>
/// <param name="Jitter">Inter-arrival jitter in timestamp units.</param>
/// <param name="LastSenderReport">The middle 32 bits of the NTP time of the last SR received from the source, or 0.</param>
/// <param name="DelaySinceLastSenderReport">Time since that SR arrived, in 1/65536 s, or 0.</param>
public readonly record struct RtcpReportBlock(
    uint Ssrc, byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence, uint Jitter, uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>Bytes of one block on the wire.</summary>
    public const int Length = 24;

    /// <summary>Writes the block to <paramref name="destination"/> (at least <see cref="Length"/> bytes).</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        int lost = Math.Clamp(CumulativeLost, -0x800000, 0x7FFFFF);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)FractionLost << 24) | ((uint)lost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }

    /// <summary>Reads the report blocks of an SR or RR packet (as returned by <see cref="RtcpCompoundReader"/>); malformed: none.</summary>
    public static IReadOnlyList<RtcpReportBlock> ReadAll(ReadOnlySpan<byte> report)
    {
        if (!RtcpHeader.TryParse(report, out RtcpHeader header)
            || header.PacketType is not (RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport))
        {
            return [];
        }

        int offset = RtcpHeader.Length + (header.PacketType == RtcpPacketType.SenderReport ? 20 : 0);
        if (offset + (header.Count * Length) > header.PacketLength)
        {
            return [];
        }

        var blocks = new RtcpReportBlock[header.Count];
        for (int i = 0; i < blocks.Length; i++)
        {
            ReadOnlySpan<byte> b = report.Slice(offset + (i * Length), Length);
            uint word = BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
            int lost = (int)(word & 0xFFFFFF);
            blocks[i] = new RtcpReportBlock(
                BinaryPrimitives.ReadUInt32BigEndian(b), (byte)(word >> 24), lost >= 0x800000 ? lost - 0x1000000 : lost,
                BinaryPrimitives.ReadUInt32BigEndian(b[8..]), BinaryPrimitives.ReadUInt32BigEndian(b[12..]),
                BinaryPrimitives.ReadUInt32BigEndian(b[16..]), BinaryPrimitives.ReadUInt32BigEndian(b[20..]));
        }

        return blocks;
    }
}
