namespace ContactCenter.Media.Rtp;

/// <summary>Tells RTP from RTCP on one port (RFC 5761 §4).</summary>
public static class MediaPacketClassifier
{
    /// <summary>
    /// Classifies <paramref name="datagram"/>: version 2 first, then RFC 5761 §4: a second octet of 192-223
    /// (RTCP types 200-207 and the reserved range) is RTCP; anything else long enough is RTP.
    /// </summary>
    public static MediaPacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < RtcpHeader.Length || datagram[0] >> 6 != RtpPacket.Version)
        {
            return MediaPacketKind.Unknown;
        }

        if (datagram[1] is >= 192 and <= 223)
        {
            return MediaPacketKind.Rtcp;
        }

        return datagram.Length >= RtpPacket.FixedHeaderLength ? MediaPacketKind.Rtp : MediaPacketKind.Unknown;
    }
}
