namespace ContactCenter.Sdp.WebRtc;

/// <summary><c>a=setup</c> (RFC 4145 §4, RFC 5763 §5): who opens the DTLS association.</summary>
public enum SdpSetupRole
{
    /// <summary><c>active</c>: this side is the DTLS client.</summary>
    Active,

    /// <summary><c>passive</c>: this side waits; the DTLS server.</summary>
    Passive,

    /// <summary><c>actpass</c>: either; an offerer's value, the answerer chooses.</summary>
    ActPass,

    /// <summary><c>holdconn</c>: no connection now.</summary>
    HoldConn,
}
