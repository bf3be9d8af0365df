using ContactCenter.Crm.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Api;

/// <summary>
/// <c>GET /api/wallboard/today</c> (all staff): today's figures per queue and per agent from the call log (so they survive
/// a restart), with the same service-level definition as the reports.
/// </summary>
internal static class WallboardEndpoints
{
    /// <summary>Maps the wallboard's stored figures.</summary>
    public static IEndpointRouteBuilder MapWallboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/wallboard").RequireAuthorization(CrmPolicies.Staff).WithTags("Wallboard").MapGet("/today", TodayAsync);
        return app;
    }

    internal static async Task<Ok<WallboardTodayDto>> TodayAsync(IntervalReportReader reader, ServiceLevel serviceLevel, IOptions<ReportOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var now = time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var since = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date)).ToUniversalTime();
        var period = new ReportPeriod(since, since.AddDays(1));
        var queues = await reader.ReadAsync(period, IntervalGrouping.Queue, null, null, cancellationToken);
        var agents = await reader.ReadAsync(period, IntervalGrouping.Agent, null, null, cancellationToken);
        return TypedResults.Ok(new WallboardTodayDto(since, zone.Id,
            queues.Rows.Select(r => new WallboardQueueDto(r, (int)serviceLevel.ThresholdOf(r.Key.Length == 0 ? null : r.Key).TotalSeconds)).ToList(),
            agents.Rows, queues.Total, (int)serviceLevel.DefaultThreshold.TotalSeconds,
            serviceLevel.PerQueue.ToDictionary(t => t.Key, t => (int)t.Value.TotalSeconds, StringComparer.Ordinal)));
    }
}

/// <summary>A queue's figures today and the service-level threshold it is judged by.</summary>
internal sealed record WallboardQueueDto(IntervalRow Figures, int ThresholdSeconds);

/// <summary>
/// Today (since midnight in <c>Crm:Reports:TimeZone</c>): per queue with calls, per agent, all calls; the thresholds of
/// queues by name and of calls without a queue.
/// </summary>
internal sealed record WallboardTodayDto(DateTimeOffset Since, string TimeZone, IReadOnlyList<WallboardQueueDto> Queues, IReadOnlyList<IntervalRow> Agents,
    IntervalRow Total, int DefaultThresholdSeconds, IReadOnlyDictionary<string, int> ThresholdSeconds);
