namespace ContactCenter.Sip.UserAgents.Outbound;

/// <summary>Where one of our registrations at a carrier stands.</summary>
public enum OutboundRegistrationState
{
    /// <summary>Not started, or un-registered at shutdown.</summary>
    Unregistered,

    /// <summary>A REGISTER is on its way (first time or after a failure).</summary>
    Registering,

    /// <summary>The carrier accepted it; refreshed before it lapses.</summary>
    Registered,

    /// <summary>The last attempt failed (no answer, refused, credentials wrong); retried with back-off.</summary>
    Failed,
}

/// <summary>A snapshot for the console and the API.</summary>
/// <param name="Name">The registration's name.</param>
/// <param name="Registrar">Where it registers (<c>udp:203.0.113.5:5060</c>).</param>
/// <param name="AddressOfRecord">The account registered.</param>
/// <param name="State">Where it stands.</param>
/// <param name="ExpiresAt">When the carrier's binding lapses (when registered).</param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
/// <param name="NextAttemptAt">When the next REGISTER goes out.</param>
public sealed record OutboundRegistrationStatus(string Name, string Registrar, string AddressOfRecord, OutboundRegistrationState State,
    DateTimeOffset? ExpiresAt, string? LastError, DateTimeOffset? NextAttemptAt);
