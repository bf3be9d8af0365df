using System.Buffers.Binary;
using System.Text;

namespace ContactCenter.Media.Rtp;

/// <summary>
/// Writes the compound RTCP packet a media endpoint sends (RFC 3550 §6.1): an SR when it sent RTP since the
/// previous report, else an RR, with at most one report block, followed by an SDES packet with the CNAME.
/// </summary>
public static class RtcpReportWriter
{
    /// <summary>The largest packet <see cref="Write"/> produces with a CNAME of up to 255 bytes.</summary>
    public const int MaxLength = RtcpHeader.Length + 20 + RtcpReportBlock.Length + 8 + 2 + 255 + 4;

    /// <summary>Writes the compound packet; returns its length.</summary>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="ssrc">Our SSRC (the sender of the report).</param>
    /// <param name="senderInfo">Our sender info when we sent RTP since the last report (an SR), else null (an RR).</param>
    /// <param name="block">What we received from the other side, or null before anything arrived.</param>
    /// <param name="cname">The canonical name (SDES CNAME), ASCII, up to 255 bytes.</param>
    public static int Write(Span<byte> destination, uint ssrc, RtcpSenderInfo? senderInfo, RtcpReportBlock? block, string cname)
    {
        ArgumentNullException.ThrowIfNull(cname);
        int count = block is null ? 0 : 1;
        int reportLength = RtcpHeader.Length + (senderInfo is null ? 0 : 20) + (count * RtcpReportBlock.Length);
        WriteHeader(destination, count, senderInfo is null ? RtcpPacketType.ReceiverReport : RtcpPacketType.SenderReport, reportLength, ssrc);
        int offset = RtcpHeader.Length;
        if (senderInfo is { } info)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[offset..], info.NtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 8)..], info.RtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 12)..], info.PacketCount);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 16)..], info.OctetCount);
            offset += 20;
        }

        block?.Write(destination[offset..]);
        offset += count * RtcpReportBlock.Length;

        // SDES: one chunk (our SSRC, CNAME item, end of list), padded to a 32-bit boundary with zeros.
        int nameLength = Math.Min(Encoding.ASCII.GetByteCount(cname), 255);
        int chunkLength = 4 + 2 + nameLength + 1;
        int sdesLength = RtcpHeader.Length - 4 + ((chunkLength + 3) & ~3);
        Span<byte> sdes = destination.Slice(offset, sdesLength);
        sdes.Clear();
        WriteHeader(sdes, 1, RtcpPacketType.SourceDescription, sdesLength, ssrc);
        sdes[8] = 1; // CNAME
        sdes[9] = (byte)nameLength;
        Encoding.ASCII.GetBytes(cname.AsSpan(0, Math.Min(cname.Length, nameLength)), sdes[10..]);
        return offset + sdesLength;
    }

    /// <summary>The middle 32 bits of <paramref name="ntp"/>, as LSR and round-trip arithmetic use it (RFC 3550 §6.4.1).</summary>
    public static uint Middle32(ulong ntp) => (uint)(ntp >> 16);

    /// <summary><paramref name="time"/> as a 64-bit NTP timestamp (seconds since 1900 in the high half).</summary>
    public static ulong ToNtp(DateTimeOffset time)
    {
        const long NtpEpochOffsetSeconds = 2_208_988_800;
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        ulong seconds = (ulong)((ticks / TimeSpan.TicksPerSecond) + NtpEpochOffsetSeconds);
        ulong fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    private static void WriteHeader(Span<byte> destination, int count, RtcpPacketType type, int length, uint ssrc)
    {
        destination[0] = (byte)((RtpPacket.Version << 6) | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
    }
}
