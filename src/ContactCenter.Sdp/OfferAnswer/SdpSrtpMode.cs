namespace ContactCenter.Sdp.OfferAnswer;

/// <summary>Whether a leg's audio is SRTP with SDES keys (RFC 4568). Keys in SDP are only safe when the signalling is encrypted (TLS).</summary>
public enum SdpSrtpMode
{
    /// <summary>Plain RTP: we offer RTP/AVP without keys and refuse RTP/SAVP offers; crypto lines in an RTP/AVP offer are ignored.</summary>
    Off,

    /// <summary>
    /// SRTP when the peer wants it: we offer RTP/AVP with crypto lines ("best-effort SRTP", which phones that do not know
    /// SRTP ignore), and accept RTP/SAVP offers or RTP/AVP offers with keys as SRTP, plain offers as RTP.
    /// </summary>
    Allow,

    /// <summary>SRTP or nothing: we offer RTP/SAVP and refuse any offer or answer without a crypto suite we support.</summary>
    Require,
}
