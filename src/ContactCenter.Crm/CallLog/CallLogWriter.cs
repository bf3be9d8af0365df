using System.Text.Json;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbox;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.CallLog;

/// <summary>Stores call events in the call log: timeline entries plus each call's recomputed summary.</summary>
internal sealed class CallLogWriter(CrmDbContext db, CrmMetrics metrics)
{
    private const string NulEscape = "\\u0000";

    /// <summary>
    /// Applies a batch of events of any calls in one transaction. Returns, per event, false when it was
    /// already stored (a redelivery, or a second copy in the same batch). The batch's call rows are locked
    /// in id order for the duration, so writers in several processes serialise per call without deadlocks.
    /// </summary>
    public async Task<bool[]> ApplyBatchAsync(IReadOnlyList<CallEventEnvelope> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var strategy = db.Database.CreateExecutionStrategy();
        var applied = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var callIds = events.Select(e => e.CallId).Distinct().Order().ToArray();
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO calls (id, direction, caller_number, dialed_number, transfer_count, last_sequence) SELECT id, 'Inbound', '', '', 0, 0 FROM unnest({callIds}) AS t(id) ORDER BY id ON CONFLICT (id) DO NOTHING",
                ct);
            var calls = await db.Calls.FromSql($"SELECT * FROM calls WHERE id = ANY({callIds}) ORDER BY id FOR UPDATE").ToDictionaryAsync(c => c.Id, ct);

            var eventIds = events.Select(e => e.EventId).ToArray();
            var seen = (await db.CallTimeline.Where(e => eventIds.Contains(e.EventId)).Select(e => e.EventId).ToListAsync(ct)).ToHashSet();
            var applied = new bool[events.Count];
            var fresh = new List<CallEventEnvelope>(events.Count);
            for (var i = 0; i < events.Count; i++)
            {
                applied[i] = seen.Add(events[i].EventId);
                if (applied[i])
                {
                    fresh.Add(events[i]);
                }
            }

            if (fresh.Count == 0)
            {
                await transaction.RollbackAsync(ct);
                return applied;
            }

            var data = new string[fresh.Count];
            for (var i = 0; i < fresh.Count; i++)
            {
                var evt = fresh[i];
                data[i] = JsonSerializer.Serialize(evt.Event, evt.Event.GetType(), OutboxMessageTypes.JsonOptions);
                if (data[i].Contains(NulEscape, StringComparison.Ordinal))
                {
                    // PostgreSQL's text and jsonb refuse U+0000; a stray NUL in a reason or a number must not cost the event.
                    data[i] = data[i].Replace(NulEscape, "\\uFFFD", StringComparison.Ordinal);
                    fresh[i] = evt with { Event = JsonSerializer.Deserialize(data[i], evt.Event.GetType(), OutboxMessageTypes.JsonOptions)! };
                }
            }

            // One statement for the whole batch's timeline rows (arrays, not thousands of parameters).
            var freshIds = fresh.ConvertAll(e => e.EventId).ToArray();
            var freshCalls = fresh.ConvertAll(e => e.CallId).ToArray();
            var sequences = fresh.ConvertAll(e => e.Sequence).ToArray();
            var times = fresh.ConvertAll(e => e.OccurredAt.ToUniversalTime()).ToArray();
            var types = fresh.ConvertAll(e => e.Type).ToArray();
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO call_events (event_id, call_id, sequence, occurred_at, type, data) SELECT e.event_id, e.call_id, e.sequence, e.occurred_at, e.type, e.data::jsonb FROM unnest({freshIds}, {freshCalls}, {sequences}, {times}, {types}, {data}) AS e(event_id, call_id, sequence, occurred_at, type, data)",
                ct);

            // Events in order (the usual case) extend the summary; a late or early one recomputes it from the whole timeline.
            var changedCalls = fresh.Select(e => e.CallId).Distinct().ToArray();
            var recompute = changedCalls.Where(id => !fresh.Where(e => e.CallId == id).OrderBy(e => e.Sequence)
                .All(e => CallRecordProjector.TryApplyNext(calls[id], e.Sequence, e.Event))).ToArray();
            if (recompute.Length > 0)
            {
                // The timeline read here already holds this batch's rows (inserted above, same transaction).
                var stored = (await db.CallTimeline.AsNoTracking().Where(e => recompute.Contains(e.CallId)).ToListAsync(ct)).ToLookup(e => e.CallId);
                foreach (var id in recompute)
                {
                    var timeline = stored[id]
                        .Select(e => (e.Sequence, Event: Deserialize(e)))
                        .Where(e => e.Event is not null)
                        .Select(e => (e.Sequence, e.Event!));
                    CallRecordProjector.Project(calls[id], timeline);
                }
            }

            await ForgetUnknownClientsAsync(changedCalls.Select(id => calls[id]), ct);

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return applied;
        }, cancellationToken);

        for (var i = 0; i < events.Count; i++)
        {
            if (applied[i])
            {
                metrics.CallEventApplied(events[i].Type);
            }
            else
            {
                metrics.DuplicateIgnored();
            }
        }

        return applied;
    }

    /// <summary>A client deleted (or never known here) since the router saw it: the record keeps no dangling reference; the timeline keeps the event.</summary>
    private async Task ForgetUnknownClientsAsync(IEnumerable<CallRecord> calls, CancellationToken cancellationToken)
    {
        var withClient = calls.Where(c => c.ClientId is not null).ToList();
        if (withClient.Count == 0)
        {
            return;
        }

        var clientIds = withClient.Select(c => c.ClientId!.Value).Distinct().ToArray();
        var known = (await db.Clients.Where(c => clientIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var call in withClient.Where(c => !known.Contains(c.ClientId!.Value)))
        {
            call.ClientId = null;
        }
    }

    private static object? Deserialize(CallTimelineEntry entry) =>
        CallEventTypes.ByName.TryGetValue(entry.Type, out var type)
            ? JsonSerializer.Deserialize(entry.Data, type, OutboxMessageTypes.JsonOptions)
            : null;
}
