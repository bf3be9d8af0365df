using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Reports;

/// <summary>
/// Agents' time by state over a period, from <c>agent_state_history</c>: each change lasts until the agent's next one
/// (or the period's end, or now, whichever is first); the state in force when the period starts is the last change of
/// the <see cref="LookBack"/> before it.
/// </summary>
internal sealed class AgentTimeReader(CrmDbContext db, TimeProvider time)
{
    /// <summary>How far before a period its first state is looked for (an agent who changed nothing for longer counts no time).</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(7);

    private static readonly HashSet<string> LoggedIn = new(["available", "ringing", "on-call", "wrap-up", "break"], StringComparer.Ordinal);

    internal sealed class StateSeconds
    {
        public string Extension { get; set; } = "";

        public string State { get; set; } = "";

        public string? Reason { get; set; }

        public double Seconds { get; set; }
    }

    /// <summary>One row per agent with logged-in time in the period (only <paramref name="onlyExtension"/>'s when given).</summary>
    public async Task<AgentTimeReportDto> ReadAsync(ReportPeriod period, string? onlyExtension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var end = period.To < time.GetUtcNow() ? period.To : time.GetUtcNow();
        var sums = end <= period.From ? [] : await SecondsAsync(period.From, end, cancellationToken);
        var staff = await db.Staff.AsNoTracking()
            .Select(s => new { s.Extension, s.FullName, Department = s.Department == null ? null : s.Department.Code }).ToListAsync(cancellationToken);
        var rows = sums.Where(s => onlyExtension is null || s.Extension == onlyExtension).GroupBy(s => s.Extension).Select(agent =>
        {
            double Of(params string[] states) => agent.Where(s => states.Contains(s.State)).Sum(s => s.Seconds);
            var person = staff.Find(s => s.Extension == agent.Key);
            var (available, onCalls, wrapUp) = (Of("available"), Of("ringing", "on-call"), Of("wrap-up"));
            var working = available + onCalls + wrapUp;
            return new AgentTimeRow(agent.Key, person?.FullName ?? "(not on staff)", person?.Department,
                Round(agent.Where(s => LoggedIn.Contains(s.State)).Sum(s => s.Seconds)), Round(available), Round(onCalls), Round(wrapUp), Round(Of("break")),
                agent.Where(s => s.State == "break").GroupBy(s => s.Reason ?? "").ToDictionary(g => g.Key, g => Round(g.Sum(s => s.Seconds)), StringComparer.Ordinal),
                working == 0 ? null : Math.Round(100 * (onCalls + wrapUp) / working, 1, MidpointRounding.AwayFromZero));
        }).Where(r => r.LoggedInSeconds > 0).OrderBy(r => r.Extension, StringComparer.Ordinal).ToList();
        return new AgentTimeReportDto(period.From, end, rows);
    }

    /// <summary>Seconds per agent, state and reason between <paramref name="from"/> and <paramref name="to"/>, summed by PostgreSQL.</summary>
    internal Task<List<StateSeconds>> SecondsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (start, end, lookBack) = (from.ToUniversalTime(), to.ToUniversalTime(), from.ToUniversalTime() - LookBack);
        return db.Database.SqlQuery<StateSeconds>($"""
            WITH e AS (
                SELECT agent_extension, occurred_at, event_id, state, reason FROM agent_state_history
                WHERE occurred_at >= {start} AND occurred_at < {end}
                UNION ALL
                SELECT DISTINCT ON (agent_extension) agent_extension, {start}::timestamptz, event_id, state, reason FROM agent_state_history
                WHERE occurred_at < {start} AND occurred_at >= {lookBack}
                ORDER BY agent_extension, occurred_at DESC, event_id DESC
            ), s AS (
                SELECT agent_extension, state, reason, occurred_at AS began,
                       coalesce(lead(occurred_at) OVER (PARTITION BY agent_extension ORDER BY occurred_at, event_id), {end}::timestamptz) AS ended
                FROM e
            )
            SELECT agent_extension AS extension, state, reason, sum(extract(epoch FROM ended - began))::float8 AS seconds
            FROM s GROUP BY agent_extension, state, reason
            """).ToListAsync(cancellationToken);
    }

    private static double Round(double seconds) => Math.Round(seconds, 1, MidpointRounding.AwayFromZero);
}
