using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// The SQL is composed only of constant fragments (ServiceLevel, IntervalGrouping's whitelist); every value is a parameter.
#pragma warning disable EF1002

namespace ContactCenter.Crm.Reports;

/// <summary>
/// Per-day sums of inbound calls (per queue and answering agent) for closed days, so that a report over months or a year
/// reads a few rows per day instead of every call (issue #19: a year in weeks under 1 s over a million calls). A day is
/// closed six hours after its UTC midnight ends (no call lasts that long); it is summarized the first time a report needs
/// it, under the service-level thresholds of the time (a change of thresholds summarizes again), and a trigger on
/// <c>calls</c> marks it stale when a call of it changes later (a late event after an outage, a deletion). Both sides take
/// the day's advisory lock, so a summary never misses a change committed while it was being made.
/// </summary>
internal sealed class CallDaySummaries(CrmDbContext db, ServiceLevel serviceLevel, TimeProvider time)
{
    /// <summary>How long after a day ends it counts as closed.</summary>
    public static readonly TimeSpan ClosedAfter = TimeSpan.FromHours(6);

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private const int DaysPerTransaction = 31;

    /// <summary>
    /// The closed whole days inside [<paramref name="from"/>, <paramref name="to"/>) whose calls all fall in one report
    /// bucket per day (the buckets start at midnights: whole-day steps from a midnight origin, or a single bucket), or
    /// null when none; the rest of the period is read from the calls.
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To)? ClosedDays(DateTimeOffset from, DateTimeOffset to, TimeSpan step, DateTimeOffset origin)
    {
        var singleBucket = origin == from && step >= to - from;
        var midnightBuckets = step.Ticks % Day.Ticks == 0 && origin.UtcTicks % Day.Ticks == 0;
        if (!singleBucket && !midnightBuckets)
        {
            return null;
        }

        var start = Midnight(from.UtcTicks + Day.Ticks - 1);
        var end = new[] { Midnight(to.UtcTicks), Midnight((time.GetUtcNow() - ClosedAfter).UtcTicks) }.Min();
        return end > start ? (start, end) : null;
    }

    /// <summary>Summarizes the days of [<paramref name="from"/>, <paramref name="to"/>) that are missing or stale.</summary>
    public async Task EnsureAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint();
        var missing = await db.Database.SqlQueryRaw<DateTimeOffset>("""
            SELECT d AS "Value" FROM generate_series(@from, @to - interval '1 day', interval '1 day') AS d
            WHERE NOT EXISTS (SELECT 1 FROM summarized_call_days s WHERE s.day = d AND s.thresholds = @fingerprint)
            ORDER BY d
            """, new NpgsqlParameter("from", from.ToUniversalTime()), new NpgsqlParameter("to", to.ToUniversalTime()),
            new NpgsqlParameter("fingerprint", fingerprint)).ToListAsync(cancellationToken);
        foreach (var chunk in missing.Chunk(DaysPerTransaction))
        {
            await SummarizeAsync(chunk, fingerprint, cancellationToken);
        }
    }

    /// <summary>The summed figures of the days in [<paramref name="from"/>, <paramref name="to"/>), per report bucket and key.</summary>
    public Task<List<IntervalFigures>> ReadAsync(IntervalGrouping by, DateTimeOffset from, DateTimeOffset to, TimeSpan step, DateTimeOffset origin,
        CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<IntervalFigures>($"""
            SELECT date_bin(@step, c.day, @origin) AS bucket, {by.CallKey} AS key,
                   sum(c.offered)::bigint AS offered, sum(c.answered)::bigint AS answered, sum(c.abandoned)::bigint AS abandoned,
                   sum(c.answered_in_time)::bigint AS answered_in_time, sum(c.wait_seconds)::float8 AS wait_seconds,
                   sum(c.talk_seconds)::float8 AS talk_seconds, sum(c.ended)::bigint AS ended,
                   max(c.longest_wait_seconds)::float8 AS longest_wait_seconds,
                   0::bigint AS orders, 0::bigint AS lines, 0::numeric AS volume, 0::bigint AS upsell_offered, 0::bigint AS upsell_accepted, 0::bigint AS promotions_offered, 0::bigint AS promotions_accepted,
                   0::bigint AS complaints, 0::bigint AS tasks_done, NULL::text AS result
            FROM call_day_figures c {by.CallJoin}
            WHERE c.day >= @from AND c.day < @to
            GROUP BY 1, 2
            """, new NpgsqlParameter("from", from.ToUniversalTime()), new NpgsqlParameter("to", to.ToUniversalTime()),
            new NpgsqlParameter("step", step), new NpgsqlParameter("origin", origin.ToUniversalTime())).ToListAsync(cancellationToken);

    /// <summary>
    /// The agents report's call sums over the summarized days of [<paramref name="from"/>, <paramref name="to"/>), per
    /// extension: inbound answered from <c>call_day_figures</c>, outbound and abandoned-while-ringing from
    /// <c>agent_day_figures</c>. Call <see cref="EnsureAsync"/> first.
    /// </summary>
    public Task<List<AgentDayTotals>> ReadAgentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<AgentDayTotals>($"""
            SELECT extension, sum(handled)::bigint AS handled, sum(outbound)::bigint AS outbound, sum(within_threshold)::bigint AS within_threshold,
                   sum(wait_seconds)::float8 AS wait_seconds, sum(talk_seconds)::float8 AS talk_seconds, sum(ended)::bigint AS ended,
                   sum(abandoned_at_agent)::bigint AS abandoned_at_agent, sum(abandoned)::bigint AS abandoned
            FROM (
                SELECT answered_by AS extension, answered AS handled, 0 AS outbound, answered_in_time AS within_threshold, wait_seconds,
                       talk_seconds, ended, 0 AS abandoned_at_agent, abandoned
                FROM call_day_figures WHERE day >= {from.ToUniversalTime()} AND day < {to.ToUniversalTime()}
                UNION ALL
                SELECT extension, 0, outbound, 0, 0, 0, 0, abandoned_at_agent, 0
                FROM agent_day_figures WHERE day >= {from.ToUniversalTime()} AND day < {to.ToUniversalTime()}) d
            GROUP BY extension
            """).ToListAsync(cancellationToken);

    private async Task SummarizeAsync(DateTimeOffset[] days, string fingerprint, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var utcDays = Array.ConvertAll(days, d => d.ToUniversalTime());
            NpgsqlParameter Days() => new("days", utcDays);
            await db.Database.ExecuteSqlRawAsync(
                "SELECT pg_advisory_xact_lock(8191, (extract(epoch FROM d) / 86400)::int) FROM unnest(@days) AS d ORDER BY d", [Days()], ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM call_day_figures WHERE day = ANY(@days)", [Days()], ct);
            await db.Database.ExecuteSqlRawAsync($"""
                WITH {ServiceLevel.ThresholdsCte}
                INSERT INTO call_day_figures (day, queue_name, answered_by, offered, answered, abandoned, answered_in_time, wait_seconds,
                                              talk_seconds, ended, longest_wait_seconds)
                SELECT date_bin('1 day', c.received_at, @origin), coalesce(c.queue_name, ''), coalesce(c.answered_by, ''),
                       count(*), count(c.answered_at), count(*) FILTER (WHERE c.outcome = 'abandoned'),
                       count(*) FILTER (WHERE {ServiceLevel.InTime("c")}),
                       coalesce(sum(extract(epoch FROM c.answered_at - c.received_at)), 0),
                       coalesce(sum(extract(epoch FROM c.ended_at - c.answered_at)), 0),
                       count(*) FILTER (WHERE c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL),
                       coalesce(max(extract(epoch FROM coalesce(c.answered_at, c.ended_at) - c.received_at)), 0)
                FROM calls c {ServiceLevel.JoinThreshold("c")}
                WHERE c.direction = 'Inbound' AND c.received_at >= @first AND c.received_at < @last
                  AND date_bin('1 day', c.received_at, @origin) = ANY(@days)
                GROUP BY 1, 2, 3
                """, [.. serviceLevel.Parameters(), Days(), new NpgsqlParameter("first", utcDays.Min()), new NpgsqlParameter("last", utcDays.Max() + Day),
                    new NpgsqlParameter("origin", IntervalGrouping.Origin)], ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM agent_day_figures WHERE day = ANY(@days)", [Days()], ct);
            await db.Database.ExecuteSqlRawAsync($"""
                INSERT INTO agent_day_figures (day, extension, outbound, abandoned_at_agent)
                SELECT day, extension, sum(outbound), sum(abandoned) FROM (
                    SELECT date_bin('1 day', c.received_at, @origin) AS day, c.answered_by AS extension, count(*) AS outbound, 0 AS abandoned
                    FROM calls c
                    WHERE c.direction = 'Outbound' AND c.answered_at IS NOT NULL AND c.answered_by IS NOT NULL
                      AND c.received_at >= @first AND c.received_at < @last AND date_bin('1 day', c.received_at, @origin) = ANY(@days)
                    GROUP BY 1, 2
                    UNION ALL
                    SELECT date_bin('1 day', last_step.received_at, @origin), left(last_step.agent, 400), 0, count(*)
                    FROM ({ReportQueries.LastOfferSteps}) last_step
                    WHERE last_step.type = 'CallOffered' AND last_step.agent IS NOT NULL
                      AND date_bin('1 day', last_step.received_at, @origin) = ANY(@days)
                    GROUP BY 1, 2) per_kind
                GROUP BY 1, 2
                """, [Days(), new NpgsqlParameter("first", utcDays.Min()), new NpgsqlParameter("last", utcDays.Max() + Day),
                    new NpgsqlParameter("origin", IntervalGrouping.Origin)], ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO summarized_call_days (day, thresholds, summarized_at) SELECT d, @fingerprint, now() FROM unnest(@days) AS d
                ON CONFLICT (day) DO UPDATE SET thresholds = excluded.thresholds, summarized_at = excluded.summarized_at
                """, [Days(), new NpgsqlParameter("fingerprint", fingerprint)], ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    // The thresholds "answered in time" is counted with: a stored day counted under others is summarized again.
    private string Fingerprint()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"default={serviceLevel.DefaultThreshold.TotalSeconds}");
        foreach (var (queue, threshold) in serviceLevel.PerQueue.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $";{queue}={threshold.TotalSeconds}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static DateTimeOffset Midnight(long utcTicks) => new(utcTicks - (utcTicks % Day.Ticks), TimeSpan.Zero);
}
