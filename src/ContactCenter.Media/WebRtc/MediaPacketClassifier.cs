namespace ContactCenter.Media.WebRtc;

/// <summary>Demultiplexes STUN, DTLS and SRTP/SRTCP arriving on one socket (RFC 7983 §7, RFC 5764 §5.1.2).</summary>
public static class MediaPacketClassifier
{
    /// <summary>The kind of <paramref name="packet"/> by its first byte.</summary>
    public static MediaPacketKind Classify(ReadOnlySpan<byte> packet) => packet.IsEmpty ? MediaPacketKind.Unknown : packet[0] switch
    {
        <= 3 => MediaPacketKind.Stun,
        >= 20 and <= 63 => MediaPacketKind.Dtls,
        >= 128 and <= 191 => MediaPacketKind.Rtp,
        _ => MediaPacketKind.Unknown,
    };
}
