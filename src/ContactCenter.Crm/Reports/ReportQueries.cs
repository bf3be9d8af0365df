using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// The SQL is composed only of constant fragments (ServiceLevel, IntervalGrouping's whitelist); every value is a parameter.
#pragma warning disable EF1002

namespace ContactCenter.Crm.Reports;

/// <summary>
/// The report's aggregates, computed by PostgreSQL: each query reads one period through an index on its time column
/// (<c>calls.received_at</c>, <c>orders.accepted_at</c>, <c>feedback_items.created_at</c>) and returns one row per
/// extension, member of staff or department, so a year of data never travels to the server.
/// </summary>
internal sealed class ReportQueries(CrmDbContext db)
{
    /// <summary>Inbound (and outbound) calls answered in the period, per answering extension; "in time" as <see cref="ServiceLevel"/> says.</summary>
    public Task<List<CallFigures>> CallsAsync(ReportPeriod period, ServiceLevel serviceLevel, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<CallFigures>($"""
            WITH {ServiceLevel.ThresholdsCte}
            SELECT c.answered_by AS extension,
                   count(*) FILTER (WHERE c.direction = 'Inbound') AS handled,
                   count(*) FILTER (WHERE c.direction = 'Outbound') AS outbound,
                   count(*) FILTER (WHERE c.direction = 'Inbound' AND {ServiceLevel.InTime("c")}) AS within_threshold,
                   coalesce(sum(extract(epoch FROM c.answered_at - c.received_at)) FILTER (WHERE c.direction = 'Inbound'), 0)::float8 AS wait_seconds,
                   coalesce(sum(extract(epoch FROM c.ended_at - c.answered_at)) FILTER (WHERE c.direction = 'Inbound' AND c.ended_at IS NOT NULL), 0)::float8 AS talk_seconds,
                   count(c.ended_at) FILTER (WHERE c.direction = 'Inbound') AS ended
            FROM calls c {ServiceLevel.JoinThreshold("c")}
            WHERE c.received_at >= @from AND c.received_at < @to
              AND c.answered_at IS NOT NULL AND c.answered_by IS NOT NULL
            GROUP BY c.answered_by
            """, [.. serviceLevel.Parameters(), new NpgsqlParameter("from", period.From.ToUniversalTime()), new NpgsqlParameter("to", period.To.ToUniversalTime())])
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Per abandoned inbound call received in [@first, @last): its last offer, queueing or failed offer (type, agent),
    /// with the call's <c>received_at</c>. The call was abandoned while ringing at the agent when that step is an offer.
    /// Only abandoned calls' events are read.
    /// </summary>
    internal const string LastOfferSteps = """
        SELECT DISTINCT ON (e.call_id) e.call_id, c.received_at, e.type, e.data ->> 'agentExtension' AS agent
        FROM calls c JOIN call_events e ON e.call_id = c.id
        WHERE c.received_at >= @first AND c.received_at < @last
          AND c.direction = 'Inbound' AND c.outcome = 'abandoned'
          AND e.type IN ('CallOffered', 'CallOfferFailed', 'CallQueued')
        ORDER BY e.call_id, e.sequence DESC
        """;

    /// <summary>Inbound calls of the period the caller abandoned while ringing at an agent, per agent (<see cref="LastOfferSteps"/>).</summary>
    public Task<List<AbandonedFigures>> AbandonedAtAgentsAsync(ReportPeriod period, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<AbandonedFigures>($"""
            SELECT last_step.agent AS extension, count(*) AS abandoned
            FROM ({LastOfferSteps}) last_step
            WHERE last_step.type = 'CallOffered' AND last_step.agent IS NOT NULL
            GROUP BY last_step.agent
            """, new NpgsqlParameter("first", period.From.ToUniversalTime()), new NpgsqlParameter("last", period.To.ToUniversalTime()))
            .ToListAsync(cancellationToken);

    /// <summary>Every inbound call of the period the caller abandoned (in the queue, in the menu, while ringing).</summary>
    public Task<long> AbandonedAsync(ReportPeriod period, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<long>($"""
            SELECT count(*) AS "Value" FROM calls
            WHERE received_at >= {period.From.ToUniversalTime()} AND received_at < {period.To.ToUniversalTime()}
              AND direction = 'Inbound' AND outcome = 'abandoned'
            """).SingleAsync(cancellationToken);

    /// <summary>
    /// Orders accepted in the period, per member of staff who took them, with their lines and upsell offers. The period's
    /// orders are read once; lines and offers are joined to them as sets (hash joins), not looked up order by order.
    /// </summary>
    public Task<List<OrderFigures>> OrdersAsync(ReportPeriod period, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<OrderFigures>($"""
            WITH o AS MATERIALIZED (
                SELECT id, taken_by_staff_id, total FROM orders
                WHERE status = 'Accepted' AND accepted_at >= {period.From.ToUniversalTime()} AND accepted_at < {period.To.ToUniversalTime()}),
            l AS (SELECT o.taken_by_staff_id, count(*) AS lines FROM o JOIN order_lines ol ON ol.order_id = o.id AND NOT ol.is_bonus
                  GROUP BY o.taken_by_staff_id),
            u AS (SELECT o.taken_by_staff_id, count(*) AS offered, count(*) FILTER (WHERE uo.accepted) AS accepted
                  FROM o JOIN upsell_offers uo ON uo.order_id = o.id GROUP BY o.taken_by_staff_id),
            p AS (SELECT o.taken_by_staff_id, count(*) AS offered, count(*) FILTER (WHERE op.accepted) AS accepted
                  FROM o JOIN order_promotions op ON op.order_id = o.id GROUP BY o.taken_by_staff_id)
            SELECT s.taken_by_staff_id AS staff_id, s.orders, coalesce(l.lines, 0) AS lines, s.value,
                   coalesce(u.offered, 0) AS offered, coalesce(u.accepted, 0) AS offers_accepted,
                   coalesce(p.offered, 0) AS promotions_offered, coalesce(p.accepted, 0) AS promotions_accepted
            FROM (SELECT taken_by_staff_id, count(*) AS orders, sum(total) AS value FROM o GROUP BY taken_by_staff_id) s
            LEFT JOIN l ON l.taken_by_staff_id IS NOT DISTINCT FROM s.taken_by_staff_id
            LEFT JOIN u ON u.taken_by_staff_id IS NOT DISTINCT FROM s.taken_by_staff_id
            LEFT JOIN p ON p.taken_by_staff_id IS NOT DISTINCT FROM s.taken_by_staff_id
            """).ToListAsync(cancellationToken);

    /// <summary>Complaints (justified ones apart) and wishes recorded in the period, by who recorded them and where they went.</summary>
    public Task<List<FeedbackFigures>> FeedbackAsync(ReportPeriod period, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<FeedbackFigures>($"""
            SELECT u.staff_id AS staff_id, f.department_id AS department_id,
                   count(*) FILTER (WHERE f.kind = 'Complaint') AS complaints,
                   count(*) FILTER (WHERE f.kind = 'Complaint' AND f.justified) AS justified,
                   count(*) FILTER (WHERE f.kind = 'Wish') AS wishes
            FROM feedback_items f LEFT JOIN users u ON u.user_name = f.created_by
            WHERE f.created_at >= {period.From.ToUniversalTime()} AND f.created_at < {period.To.ToUniversalTime()}
            GROUP BY u.staff_id, f.department_id
            """).ToListAsync(cancellationToken);
}
