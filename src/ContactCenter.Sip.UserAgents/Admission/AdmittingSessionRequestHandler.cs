using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Core;
using ContactCenter.Sip.UserAgents.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Admission;

/// <summary>
/// The session layer's INVITE handler behind admission control (issue #15): a new INVITE beyond the concurrent-call cap
/// or the INVITE rates is answered 503 with Retry-After at once - before a 100 Trying, a digest challenge or a media
/// port - so a flood costs one small response per request and the calls already admitted keep their quality.
/// </summary>
public sealed class AdmittingSessionRequestHandler(ISessionRequestHandler inner, InviteAdmission admission, SessionLayerSettings settings,
    IOptionsMonitor<AdmissionOptions> options, UserAgentsMetrics metrics, TimeProvider time, ILogger<AdmittingSessionRequestHandler> logger)
    : ServiceUnavailableGate(inner)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);
    private readonly Lock _logGate = new();
    private long _lastLog = long.MinValue;
    private int _unlogged;

    /// <inheritdoc />
    protected override TimeSpan? RefuseFor(SipInboundMessage invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var source = invite.Source.EndPoint.Address;
        var fromTrunk = settings.Trunks().Any(t => t.Owns(source));
        var verdict = admission.TryAdmit(source, perSourceExempt: fromTrunk);
        if (verdict == AdmissionVerdict.Admitted)
        {
            return null;
        }

        metrics.InviteNotAdmitted(verdict);
        Log(invite, verdict);
        return TimeSpan.FromSeconds(options.CurrentValue.RetryAfterSeconds);
    }

    // One line per refusal would let a flood flood the log too: the first refusal is logged, then one line every 10 s
    // with how many were refused meanwhile (the metric counts every one).
    private void Log(SipInboundMessage request, AdmissionVerdict verdict)
    {
        int refused;
        lock (_logGate)
        {
            _unlogged++;
            var now = time.GetTimestamp();
            if (_lastLog != long.MinValue && time.GetElapsedTime(_lastLog, now) < LogEvery)
            {
                return;
            }

            (_lastLog, refused, _unlogged) = (now, _unlogged, 0);
        }

        logger.InvitesNotAdmitted(refused, request.Source.EndPoint, verdict);
    }
}
