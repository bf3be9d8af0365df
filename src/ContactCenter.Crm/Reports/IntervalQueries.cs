using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// The SQL is composed only of constant fragments (ServiceLevel, IntervalGrouping's whitelist); every value is a parameter.
#pragma warning disable EF1002

namespace ContactCenter.Crm.Reports;

/// <summary>
/// The interval report's sums, computed by PostgreSQL per interval (<c>date_bin</c>) and key over the per-day sums of
/// closed days and the indexed time columns (<c>calls.received_at</c>, <c>orders.accepted_at</c>, <c>feedback_items.created_at</c>, <c>call_tasks.completed_at</c>).
/// </summary>
internal sealed class IntervalQueries(CrmDbContext db, ServiceLevel serviceLevel, CallDaySummaries summaries)
{
    /// <summary>
    /// Inbound calls received in [from, to), per interval of <paramref name="step"/> from <paramref name="origin"/> and key:
    /// closed whole days from their per-day sums (<see cref="CallDaySummaries"/>), the rest from the calls.
    /// </summary>
    public async Task<List<IntervalFigures>> CallsAsync(IntervalGrouping by, DateTimeOffset from, DateTimeOffset to, TimeSpan step, DateTimeOffset origin,
        CancellationToken cancellationToken)
    {
        if (summaries.ClosedDays(from, to, step, origin) is not { } closed)
        {
            return await LiveCallsAsync(by, from, to, to, to, step, origin, cancellationToken);
        }

        await summaries.EnsureAsync(closed.From, closed.To, cancellationToken);
        var figures = await summaries.ReadAsync(by, closed.From, closed.To, step, origin, cancellationToken);
        figures.AddRange(await LiveCallsAsync(by, from, closed.From, closed.To, to, step, origin, cancellationToken));
        return figures;
    }

    // The calls received in [from, skipFrom) and [skipTo, to): two ranges of the received_at index.
    private Task<List<IntervalFigures>> LiveCallsAsync(IntervalGrouping by, DateTimeOffset from, DateTimeOffset skipFrom, DateTimeOffset skipTo,
        DateTimeOffset to, TimeSpan step, DateTimeOffset origin, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<IntervalFigures>($"""
            WITH {ServiceLevel.ThresholdsCte}
            SELECT date_bin(@step, c.received_at, @origin) AS bucket, {by.CallKey} AS key,
                   count(*) AS offered, count(c.answered_at) AS answered, count(*) FILTER (WHERE c.outcome = 'abandoned') AS abandoned,
                   count(*) FILTER (WHERE {ServiceLevel.InTime("c")}) AS answered_in_time,
                   coalesce(sum(extract(epoch FROM c.answered_at - c.received_at)), 0)::float8 AS wait_seconds,
                   coalesce(sum(extract(epoch FROM c.ended_at - c.answered_at)), 0)::float8 AS talk_seconds,
                   count(*) FILTER (WHERE c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL) AS ended,
                   coalesce(max(extract(epoch FROM coalesce(c.answered_at, c.ended_at) - c.received_at)), 0)::float8 AS longest_wait_seconds,
                   0::bigint AS orders, 0::bigint AS lines, 0::numeric AS volume, 0::bigint AS upsell_offered, 0::bigint AS upsell_accepted, 0::bigint AS promotions_offered, 0::bigint AS promotions_accepted,
                   0::bigint AS complaints, 0::bigint AS tasks_done, NULL::text AS result
            FROM calls c {ServiceLevel.JoinThreshold("c")} {by.CallJoin}
            WHERE c.direction = 'Inbound'
              AND ((c.received_at >= @from AND c.received_at < @skip_from) OR (c.received_at >= @skip_to AND c.received_at < @to))
            GROUP BY 1, 2
            """, [.. serviceLevel.Parameters(), .. Window(from, to, step, origin),
                new NpgsqlParameter("skip_from", skipFrom.ToUniversalTime()), new NpgsqlParameter("skip_to", skipTo.ToUniversalTime())])
            .ToListAsync(cancellationToken);

    /// <summary>Orders accepted in [from, to) with their lines, volume, upsell and promotions, per interval and key (none for queues).</summary>
    public async Task<List<IntervalFigures>> DeskAsync(IntervalGrouping by, DateTimeOffset from, DateTimeOffset to, TimeSpan step, DateTimeOffset origin,
        CancellationToken cancellationToken)
    {
        if (by.OrderKey is null || by.FeedbackKey is null || by.TaskKey is null)
        {
            return [];
        }

        var orders = await db.Database.SqlQueryRaw<IntervalFigures>($"""
            WITH o AS MATERIALIZED (
                SELECT o.id, o.total, date_bin(@step, o.accepted_at, @origin) AS bucket, {by.OrderKey} AS key
                FROM orders o LEFT JOIN staff s ON s.id = o.taken_by_staff_id LEFT JOIN departments d ON d.id = s.department_id
                WHERE o.status = 'Accepted' AND o.accepted_at >= @from AND o.accepted_at < @to),
            l AS (SELECT o.bucket, o.key, count(*) AS lines FROM o JOIN order_lines ol ON ol.order_id = o.id AND NOT ol.is_bonus GROUP BY 1, 2),
            u AS (SELECT o.bucket, o.key, count(*) AS offered, count(*) FILTER (WHERE uo.accepted) AS accepted
                  FROM o JOIN upsell_offers uo ON uo.order_id = o.id GROUP BY 1, 2),
            p AS (SELECT o.bucket, o.key, count(*) AS offered, count(*) FILTER (WHERE op.accepted) AS accepted
                  FROM o JOIN order_promotions op ON op.order_id = o.id GROUP BY 1, 2)
            SELECT t.bucket, t.key, 0::bigint AS offered, 0::bigint AS answered, 0::bigint AS abandoned, 0::bigint AS answered_in_time,
                   0::float8 AS wait_seconds, 0::float8 AS talk_seconds, 0::bigint AS ended, 0::float8 AS longest_wait_seconds,
                   t.orders, coalesce(l.lines, 0) AS lines, t.volume, coalesce(u.offered, 0) AS upsell_offered, coalesce(u.accepted, 0) AS upsell_accepted,
                   coalesce(p.offered, 0) AS promotions_offered, coalesce(p.accepted, 0) AS promotions_accepted,
                   0::bigint AS complaints, 0::bigint AS tasks_done, NULL::text AS result
            FROM (SELECT bucket, key, count(*) AS orders, sum(total) AS volume FROM o GROUP BY 1, 2) t
            LEFT JOIN l ON l.bucket = t.bucket AND l.key = t.key LEFT JOIN u ON u.bucket = t.bucket AND u.key = t.key
            LEFT JOIN p ON p.bucket = t.bucket AND p.key = t.key
            """, Window(from, to, step, origin)).ToListAsync(cancellationToken);
        var complaints = await db.Database.SqlQueryRaw<IntervalFigures>($"""
            SELECT date_bin(@step, f.created_at, @origin) AS bucket, {by.FeedbackKey} AS key, 0::bigint AS offered, 0::bigint AS answered,
                   0::bigint AS abandoned, 0::bigint AS answered_in_time, 0::float8 AS wait_seconds, 0::float8 AS talk_seconds, 0::bigint AS ended,
                   0::float8 AS longest_wait_seconds, 0::bigint AS orders, 0::bigint AS lines, 0::numeric AS volume, 0::bigint AS upsell_offered,
                   0::bigint AS upsell_accepted, 0::bigint AS promotions_offered, 0::bigint AS promotions_accepted, count(*) AS complaints, 0::bigint AS tasks_done, NULL::text AS result
            FROM feedback_items f LEFT JOIN users us ON us.user_name = f.created_by LEFT JOIN staff s ON s.id = us.staff_id
                 LEFT JOIN departments fd ON fd.id = f.department_id
            WHERE f.kind = 'Complaint' AND f.created_at >= @from AND f.created_at < @to
            GROUP BY 1, 2
            """, Window(from, to, step, origin)).ToListAsync(cancellationToken);
        var tasks = await db.Database.SqlQueryRaw<IntervalFigures>($"""
            SELECT date_bin(@step, t.completed_at, @origin) AS bucket, {by.TaskKey} AS key, 0::bigint AS offered, 0::bigint AS answered,
                   0::bigint AS abandoned, 0::bigint AS answered_in_time, 0::float8 AS wait_seconds, 0::float8 AS talk_seconds, 0::bigint AS ended,
                   0::float8 AS longest_wait_seconds, 0::bigint AS orders, 0::bigint AS lines, 0::numeric AS volume, 0::bigint AS upsell_offered,
                   0::bigint AS upsell_accepted, 0::bigint AS promotions_offered, 0::bigint AS promotions_accepted, 0::bigint AS complaints, count(*) AS tasks_done, coalesce(t.result, '') AS result
            FROM call_tasks t LEFT JOIN staff s ON s.id = t.assigned_staff_id LEFT JOIN departments d ON d.id = s.department_id
            WHERE t.status = 'Done' AND t.completed_at >= @from AND t.completed_at < @to
            GROUP BY 1, 2, coalesce(t.result, '')
            """, Window(from, to, step, origin)).ToListAsync(cancellationToken);
        return [.. orders, .. complaints, .. tasks];
    }

    private static NpgsqlParameter[] Window(DateTimeOffset from, DateTimeOffset to, TimeSpan step, DateTimeOffset origin) =>
    [
        new("from", from.ToUniversalTime()), new("to", to.ToUniversalTime()), new("step", step), new("origin", origin.ToUniversalTime()),
    ];
}
