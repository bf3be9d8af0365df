namespace ContactCenter.Media.Srtp;

/// <summary>What became of a packet given to an <see cref="SrtpSession"/>.</summary>
public enum SrtpResult
{
    /// <summary>Protected or unprotected.</summary>
    Ok,

    /// <summary>Too short, not RTP version 2, or no room for the tag: dropped.</summary>
    Malformed,

    /// <summary>The authentication tag did not match: forged, corrupted or keyed differently; dropped.</summary>
    AuthenticationFailed,

    /// <summary>A packet index already received or older than the replay window (RFC 3711 §3.3.2): dropped.</summary>
    Replayed,

    /// <summary>A new SSRC beyond the number of streams one session keeps: dropped.</summary>
    TooManyStreams,
}
