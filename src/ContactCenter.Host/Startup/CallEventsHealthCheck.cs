using ContactCenter.Host.Calls;
using ContactCenter.Host.Calls.Spool;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Startup;

/// <summary>"Degraded" while call events cannot reach a lane (the bus, the CRM), the backlog is long, or the spool's disk refuses writes.</summary>
public sealed class CallEventsHealthCheck(SpooledCallEventPublisher events, IOptions<CallEventSpoolOptions> options) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var backlog = events.Backlog;
        var result = events.SpoolFailing
            ? HealthCheckResult.Degraded($"the call-event spool's disk refuses writes; {backlog} events wait in memory")
            : backlog > options.Value.DegradedBacklog || events.LastError is not null
                ? HealthCheckResult.Degraded($"{backlog} call events wait ({Lanes(events)}): {events.LastError ?? "catching up"}")
                : HealthCheckResult.Healthy($"{backlog} call events waiting");
        return Task.FromResult(result);
    }

    private static string Lanes(SpooledCallEventPublisher events) => string.Join(", ", events.Backlogs.Select(b => $"{b.Lane} {b.Backlog}"));
}
