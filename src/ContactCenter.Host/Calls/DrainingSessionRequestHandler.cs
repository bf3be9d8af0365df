using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Admission;
using ContactCenter.Sip.UserAgents.Core;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Calls;

/// <summary>
/// The session layer's INVITE handler behind a drain gate (the smallest hook for a graceful stop): once <see cref="CallDrain"/>
/// starts draining, a new INVITE gets 503 Service Unavailable with Retry-After so the caller's proxy tries another node;
/// everything else passes through.
/// </summary>
public sealed class DrainingSessionRequestHandler(ISessionRequestHandler calls, CallDrainState state, IOptions<DrainOptions> options)
    : ServiceUnavailableGate(calls)
{
    /// <inheritdoc />
    protected override TimeSpan? RefuseFor(SipInboundMessage invite) =>
        state.Draining ? TimeSpan.FromSeconds(options.Value.RetryAfterSeconds) : null;
}
