namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>What the session layer reads per call (so a configuration reload applies to the next call).</summary>
/// <param name="Trunk">The carrier trunk (trusted for arriving calls, the way out for outside numbers), or null when none is configured.</param>
/// <param name="SessionTimers">The session timers we ask for and accept (RFC 4028).</param>
/// <param name="ContactUser">The user part of our Contact in the legs we place.</param>
public sealed record SessionLayerSettings(Func<TrunkPeer?> Trunk, Func<SessionTimerPolicy> SessionTimers, Func<string> ContactUser)
{
    /// <summary>The credentials that answer the trunk's digest challenges to the legs we place on it; null (the default) answers none.</summary>
    public Func<TrunkCredentials?> TrunkCredentials { get; init; } = static () => null;

    /// <summary>
    /// Whether an extension must use TLS and SRTP (a remote agent): its calls must arrive over TLS and their media be SRTP,
    /// and the legs we place to it offer RTP/SAVP only. Default: none.
    /// </summary>
    public Func<string, bool> SecureExtension { get; init; } = static _ => false;
}
