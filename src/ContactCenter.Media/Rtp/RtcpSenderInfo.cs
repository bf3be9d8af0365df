using System.Buffers.Binary;

namespace ContactCenter.Media.Rtp;

/// <summary>The sender information block of an SR (RFC 3550 §6.4.1).</summary>
/// <param name="NtpTimestamp">The 64-bit NTP wall-clock time the report was sent.</param>
/// <param name="RtpTimestamp">The same instant in RTP timestamp units.</param>
/// <param name="PacketCount">RTP packets sent.</param>
/// <param name="OctetCount">Payload octets sent.</param>
public readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>Reads the sender info from an SR packet as returned by <see cref="RtcpCompoundReader"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> senderReport, out RtcpSenderInfo info)
    {
        info = default;
        if (!RtcpHeader.TryParse(senderReport, out RtcpHeader header) || header.PacketType != RtcpPacketType.SenderReport ||
            senderReport.Length < RtcpHeader.Length + 20)
        {
            return false;
        }

        ReadOnlySpan<byte> block = senderReport[RtcpHeader.Length..];
        info = new RtcpSenderInfo(
            BinaryPrimitives.ReadUInt64BigEndian(block),
            BinaryPrimitives.ReadUInt32BigEndian(block[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[16..]));
        return true;
    }
}
