using ContactCenter.Sdp;

namespace ContactCenter.Sessions;

/// <summary>A leg the engine asks for (a command): offer the call to a target.</summary>
/// <param name="CallId">The engine's call, for logs and correlation only.</param>
/// <param name="Target">Whom to ring.</param>
/// <param name="CallerNumber">The number shown to the target.</param>
/// <param name="Media">Our media description, or null for a late offer (ours then goes in the ACK).</param>
/// <param name="RingFor">How long the target may ring before the offer ends with <see cref="LegEndCause.NoAnswer"/>.</param>
public sealed record LegOffer(Guid CallId, LegTarget Target, string CallerNumber, SdpSession? Media, TimeSpan RingFor)
{
    /// <summary>When set, the new leg takes the place of this one at the target (an attended transfer, RFC 3891).</summary>
    public ILegSession? Replaces { get; init; }
}
