namespace ContactCenter.Media.Rtp;

/// <summary>What a datagram on a media port is.</summary>
public enum MediaPacketKind
{
    /// <summary>Neither RTP nor RTCP (e.g. STUN, DTLS, garbage).</summary>
    Unknown,

    /// <summary>An RTP packet.</summary>
    Rtp,

    /// <summary>An RTCP packet (possibly compound).</summary>
    Rtcp,
}
