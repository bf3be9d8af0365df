using System.Text.Json;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbox;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.CallLog;

/// <summary>Stores one call event in the call log: timeline entry plus recomputed call summary.</summary>
public sealed class CallLogWriter(CrmDbContext db, CrmMetrics metrics)
{
    /// <summary>
    /// Applies an event once. Returns false when the event was already stored (a redelivery).
    /// The call row is locked for the duration so that concurrent events of one call serialise.
    /// </summary>
    public async Task<bool> ApplyAsync<T>(T evt, Guid eventId, Guid callId, int sequence, DateTimeOffset occurredAt,
        CancellationToken cancellationToken)
        where T : class
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO calls (id, direction, caller_number, dialed_number, transfer_count, last_sequence) VALUES ({callId}, 'Inbound', '', '', 0, 0) ON CONFLICT (id) DO NOTHING",
                ct);
            var call = await db.Calls.FromSql($"SELECT * FROM calls WHERE id = {callId} FOR UPDATE").SingleAsync(ct);

            if (await db.CallTimeline.AnyAsync(e => e.EventId == eventId, ct))
            {
                metrics.DuplicateIgnored();
                await transaction.RollbackAsync(ct);
                return false;
            }

            db.CallTimeline.Add(new CallTimelineEntry
            {
                EventId = eventId,
                CallId = callId,
                Sequence = sequence,
                OccurredAt = occurredAt,
                Type = typeof(T).Name,
                Data = JsonSerializer.Serialize(evt, OutboxMessageTypes.JsonOptions),
            });

            var stored = await db.CallTimeline.AsNoTracking().Where(e => e.CallId == callId).ToListAsync(ct);
            var events = stored
                .Select(e => (e.Sequence, Event: Deserialize(e)))
                .Where(e => e.Event is not null)
                .Select(e => (e.Sequence, e.Event!))
                .Append((sequence, (object)evt));
            CallRecordProjector.Project(call, events);

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            metrics.CallEventApplied(typeof(T).Name);
            return true;
        }, cancellationToken);
    }

    private static object? Deserialize(CallTimelineEntry entry) =>
        CallEventTypes.ByName.TryGetValue(entry.Type, out var type)
            ? JsonSerializer.Deserialize(entry.Data, type, OutboxMessageTypes.JsonOptions)
            : null;
}
