namespace ContactCenter.Media.WebRtc;

/// <summary>What arrived on a WebRTC media socket, told apart by its first byte (RFC 7983 §7).</summary>
public enum MediaPacketKind
{
    /// <summary>None of the below (ZRTP, TURN channel data, noise): dropped.</summary>
    Unknown,

    /// <summary>STUN, first byte 0-3: ICE connectivity checks.</summary>
    Stun,

    /// <summary>DTLS, first byte 20-63: the DTLS-SRTP handshake.</summary>
    Dtls,

    /// <summary>RTP or RTCP, first byte 128-191 (told apart by the payload type, RFC 5761 §4).</summary>
    Rtp,
}
