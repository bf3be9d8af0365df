using ContactCenter.Sip.Transport;

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
    /// Every trunk (issue #17: trunks as data), the configured one among them; by default just <see cref="Trunk"/>. Read
    /// per call from an in-memory snapshot, never from a database.
    /// </summary>
    public Func<IReadOnlyList<TrunkPeer>> Trunks { get; init; } = () => Trunk() is { } only ? [only] : [];

    /// <summary>The trunk named <paramref name="name"/>, or for null the configured trunk (else the first one); null when there is none.</summary>
    public TrunkPeer? FindTrunk(string? name) =>
        name is null ? Trunk() ?? (Trunks() is { Count: > 0 } all ? all[0] : null) : Trunks().FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>The credentials answering <paramref name="trunk"/>'s challenges: its own, else (the configured trunk) <see cref="TrunkCredentials"/>.</summary>
    public TrunkCredentials? CredentialsFor(TrunkPeer trunk, string? name) =>
        trunk?.Credentials ?? (name is null || Trunk() is { } configured && configured.Name == name ? TrunkCredentials() : null);

    /// <summary>
    /// Whether an extension must use TLS and SRTP (a remote agent): its calls must arrive over TLS and their media be SRTP,
    /// and the legs we place to it offer RTP/SAVP only. Default: none.
    /// </summary>
    public Func<string, bool> SecureExtension { get; init; } = static _ => false;

    /// <summary>
    /// Whether a leg whose signalling uses the listener of a transport gets the relay's public media address in its SDP (the
    /// listener has a public address, or no listener has one: the media address applies to all). Default: all.
    /// </summary>
    public Func<SipTransportProtocol, bool> PublicMedia { get; init; } = static _ => true;
}
