using System.Buffers.Binary;

namespace ContactCenter.Media.Rtp;

/// <summary>The common header of one RTCP packet (RFC 3550 §6.4.1) and the first SSRC after it.</summary>
/// <param name="Padding">The padding bit.</param>
/// <param name="Count">The 5-bit count: reception reports (SR/RR), chunks (SDES), sources (BYE), or subtype.</param>
/// <param name="PacketType">The packet type (200-207 are the known ones).</param>
/// <param name="PacketLength">The length of this packet in bytes, header included.</param>
/// <param name="Ssrc">The SSRC that follows the header (sender, first chunk or first source).</param>
public readonly record struct RtcpHeader(bool Padding, int Count, RtcpPacketType PacketType, int PacketLength, uint Ssrc)
{
    /// <summary>The header plus the SSRC that follows it.</summary>
    public const int Length = 8;

    /// <summary>Parses the header at the start of <paramref name="data"/>; false if it is not RTCP version 2, is truncated, or is shorter than header and SSRC.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpHeader header)
    {
        header = default;
        if (data.Length < Length || data[0] >> 6 != RtpPacket.Version || data[1] < 192 || data[1] > 223)
        {
            return false;
        }

        // A packet too short to hold the SSRC after its header is malformed: its "SSRC" would be the next packet's
        // first word (found by fuzzing: a 4-byte RR took the following SDES header as its sender).
        int packetLength = (BinaryPrimitives.ReadUInt16BigEndian(data[2..]) + 1) * 4;
        if (packetLength < Length || packetLength > data.Length)
        {
            return false;
        }

        header = new RtcpHeader(
            (data[0] & 0x20) != 0,
            data[0] & 0x1F,
            (RtcpPacketType)data[1],
            packetLength,
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
        return true;
    }
}
