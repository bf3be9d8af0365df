using System.Diagnostics.Metrics;

namespace ContactCenter.Sip.UserAgents;

/// <summary>The project's one <see cref="Meter"/> (<c>ContactCenter.Sip.UserAgents</c>) and its instruments.</summary>
public sealed class UserAgentsMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "ContactCenter.Sip.UserAgents";

    private readonly Counter<long> _registerResponses;
    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _sourcesBlocked;
    private readonly Counter<long> _blockedRequests;
    private readonly UpDownCounter<long> _bindings;
    private readonly Counter<long> _invitesRefused;
    private readonly Counter<long> _invitesNotAdmitted;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public UserAgentsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _registerResponses = meter.CreateCounter<long>("sip.registrar.responses", "{response}", "REGISTER answers by status code.");
        _authFailures = meter.CreateCounter<long>("sip.auth.failures", "{failure}", "Failed digest authentications.");
        _sourcesBlocked = meter.CreateCounter<long>("sip.auth.sources_blocked", "{source}", "Sources blocked after repeated failures.");
        _blockedRequests = meter.CreateCounter<long>("sip.auth.blocked_requests", "{request}", "Requests refused because their source is blocked.");
        _bindings = meter.CreateUpDownCounter<long>("sip.registrar.bindings", "{binding}", "Current contact bindings.");
        _invitesRefused = meter.CreateCounter<long>("sip.sessions.refused", "{request}", "New INVITEs the session layer refused before the engine saw them, by status code.");
        _invitesNotAdmitted = meter.CreateCounter<long>("sip.admission.refused", "{request}", "New INVITEs refused with 503 by admission control, by the limit met.");
    }

    internal void RegisterAnswered(int statusCode) => _registerResponses.Add(1, new KeyValuePair<string, object?>("StatusCode", statusCode));

    internal void AuthenticationFailed() => _authFailures.Add(1);

    internal void SourceBlocked() => _sourcesBlocked.Add(1);

    internal void BlockedRequestRefused() => _blockedRequests.Add(1);

    internal void BindingsChanged(int delta) => _bindings.Add(delta);

    internal void InviteRefused(int statusCode) => _invitesRefused.Add(1, new KeyValuePair<string, object?>("StatusCode", statusCode));

    internal void InviteNotAdmitted(Admission.AdmissionVerdict verdict) =>
        _invitesNotAdmitted.Add(1, new KeyValuePair<string, object?>("Reason", verdict.ToString()));
}
