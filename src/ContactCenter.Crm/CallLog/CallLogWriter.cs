using System.Text.Json;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbox;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ContactCenter.Crm.CallLog;

/// <summary>
/// Stores call events in the call log: timeline entries plus each call's recomputed summary. A batch costs three round
/// trips to the database and its commit (four with a late or early event): the call log is on the path from a call's end
/// to its record being visible, and on a busy machine every round trip waits for a core, so the statements go in
/// batches on the context's connection instead of EF Core's tracked entities. Synchronous: it runs on the batcher's own
/// writer threads (see <see cref="CallLogBatcher"/>).
/// </summary>
internal sealed class CallLogWriter(CrmDbContext db, CrmMetrics metrics)
{
    private const string NulEscape = "\\u0000";

    /// <summary>Every column of <c>calls</c>, in the order <see cref="ReadCall"/> reads them and <see cref="UpdateCalls"/> takes them.</summary>
    internal const string CallColumns =
        "id, direction, caller_number, caller_e164, dialed_number, client_id, rule_name, routing_trace, menu_choice, queue_name, "
        + "received_at, answered_at, ended_at, answered_by, ended_by, end_reason, outcome, recording_path, transfer_count, last_sequence, trunk, "
        + "recording_problem";

    /// <summary>Stores a batch's new events (arrays $1..$6, one element per event).</summary>
    internal const string InsertEvents =
        "INSERT INTO call_events (event_id, call_id, sequence, occurred_at, type, data) "
        + "SELECT e.event_id, e.call_id, e.sequence, e.occurred_at, e.type, e.data::jsonb "
        + "FROM unnest($1, $2, $3, $4, $5, $6) AS e(event_id, call_id, sequence, occurred_at, type, data)";

    /// <summary>Writes a batch's call summaries (arrays $1..$22 in <see cref="CallColumns"/> order, one element per call).</summary>
    // A call the service placed (click-to-call, call lists, dispatch) is classified without a client: the client is the
    // one whose number was dialled (caller_e164 holds it; numbers are unique across clients).
    internal const string UpdateCalls = """
        UPDATE calls SET direction = u.direction, caller_number = u.caller_number, caller_e164 = u.caller_e164,
            dialed_number = u.dialed_number,
            client_id = COALESCE((SELECT k.id FROM clients k WHERE k.id = u.client_id),
                CASE WHEN u.direction = 'Outbound' AND u.client_id IS NULL THEN (SELECT p.client_id FROM client_phones p WHERE p.e164 = u.caller_e164) END),
            rule_name = u.rule_name, routing_trace = u.routing_trace::jsonb, menu_choice = u.menu_choice, queue_name = u.queue_name,
            received_at = u.received_at, answered_at = u.answered_at, ended_at = u.ended_at, answered_by = u.answered_by,
            ended_by = u.ended_by, end_reason = u.end_reason, outcome = u.outcome, recording_path = u.recording_path,
            transfer_count = u.transfer_count, last_sequence = u.last_sequence, trunk = u.trunk, recording_problem = u.recording_problem
        FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
            AS u(id, direction, caller_number, caller_e164, dialed_number, client_id, rule_name, routing_trace, menu_choice,
                 queue_name, received_at, answered_at, ended_at, answered_by, ended_by, end_reason, outcome, recording_path,
                 transfer_count, last_sequence, trunk, recording_problem)
        WHERE calls.id = u.id
        """;

    /// <summary>Catalogues a batch's recordings (arrays $1..$4: call, path, duration, recorded at); a later report of the same call's recording replaces the earlier.</summary>
    internal const string UpsertRecordings = """
        INSERT INTO recordings (call_id, path, duration, recorded_at)
        SELECT r.call_id, r.path, r.duration, r.recorded_at FROM unnest($1, $2, $3, $4) AS r(call_id, path, duration, recorded_at)
        ON CONFLICT (call_id) DO UPDATE SET path = excluded.path, duration = excluded.duration, recorded_at = excluded.recorded_at,
            deleted_at = NULL
        """;

    /// <summary>
    /// Applies a batch of events of any calls in one transaction. Returns, per event, false when it was
    /// already stored (a redelivery, or a second copy in the same batch). The batch's call rows are locked
    /// in id order for the duration, so writers in several processes serialise per call without deadlocks.
    /// </summary>
    public bool[] ApplyBatch(IReadOnlyList<CallEventEnvelope> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var strategy = db.Database.CreateExecutionStrategy();
        var applied = strategy.Execute(() => ApplyOnce(events));
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

    private bool[] ApplyOnce(IReadOnlyList<CallEventEnvelope> events)
    {
        db.Database.OpenConnection();
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            using var transaction = connection.BeginTransaction();
            var (calls, seen) = LockCalls(connection, transaction, events);

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
                transaction.Rollback();
                return applied;
            }

            var data = Serialize(fresh);

            // Events in order (the usual case) extend the summary; a late or early one recomputes it from the whole timeline.
            var changedCalls = fresh.Select(e => e.CallId).Distinct().ToArray();
            var recompute = changedCalls.Where(id => !fresh.Where(e => e.CallId == id).OrderBy(e => e.Sequence)
                .All(e => CallRecordProjector.TryApplyNext(calls[id], e.Sequence, e.Event))).ToArray();
            if (recompute.Length > 0)
            {
                var stored = ReadTimelines(connection, transaction, recompute);
                foreach (var id in recompute)
                {
                    var timeline = stored[id].Concat(fresh.Where(e => e.CallId == id).Select(e => (e.Sequence, e.Event)));
                    CallRecordProjector.Project(calls[id], timeline);
                }
            }

            Store(connection, transaction, fresh, data, changedCalls.Select(id => calls[id]).ToList());
            transaction.Commit();
            return applied;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>One round trip: creates the rows of calls seen for the first time, locks every call row of the batch in id order, and reads which events are already stored.</summary>
    private static (Dictionary<Guid, CallRecord> Calls, HashSet<Guid> Seen) LockCalls(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CallEventEnvelope> events)
    {
        var callIds = events.Select(e => e.CallId).Distinct().Order().ToArray();
        var eventIds = events.Select(e => e.EventId).ToArray();
        using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("INSERT INTO calls (id, direction, caller_number, dialed_number, transfer_count, last_sequence) "
                    + "SELECT id, 'Inbound', '', '', 0, 0 FROM unnest($1) AS t(id) ORDER BY id ON CONFLICT (id) DO NOTHING", callIds),
                Command($"SELECT {CallColumns} FROM calls WHERE id = ANY($1) ORDER BY id FOR UPDATE", callIds),
                Command("SELECT event_id FROM call_events WHERE event_id = ANY($1)", eventIds),
            },
        };
        using var reader = batch.ExecuteReader();
        var calls = new Dictionary<Guid, CallRecord>(callIds.Length);
        while (reader.Read())
        {
            var call = ReadCall(reader);
            calls[call.Id] = call;
        }

        reader.NextResult();
        var seen = new HashSet<Guid>();
        while (reader.Read())
        {
            seen.Add(reader.GetGuid(0));
        }

        return (calls, seen);
    }

    /// <summary>The stored timelines of <paramref name="callIds"/> (without this batch's events), decoded.</summary>
    private static ILookup<Guid, (int Sequence, object Event)> ReadTimelines(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] callIds)
    {
        using var command = new NpgsqlCommand("SELECT call_id, sequence, type, data FROM call_events WHERE call_id = ANY($1)", connection, transaction)
        {
            Parameters = { new NpgsqlParameter { Value = callIds } },
        };
        var rows = new List<(Guid CallId, int Sequence, object Event)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (CallEventTypes.ByName.TryGetValue(reader.GetString(2), out var type)
                && JsonSerializer.Deserialize(reader.GetString(3), type, OutboxMessageTypes.JsonOptions) is { } evt)
            {
                rows.Add((reader.GetGuid(0), reader.GetInt32(1), evt));
            }
        }

        return rows.ToLookup(r => r.CallId, r => (r.Sequence, r.Event));
    }

    /// <summary>
    /// One round trip: the new timeline rows and the changed calls' summaries. A client deleted (or never known here)
    /// since the router saw it leaves no dangling reference on the record; the timeline keeps the event.
    /// </summary>
    private static void Store(NpgsqlConnection connection, NpgsqlTransaction transaction, List<CallEventEnvelope> fresh, string[] data, List<CallRecord> calls)
    {
        using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command(InsertEvents,
                    fresh.ConvertAll(e => e.EventId).ToArray(), fresh.ConvertAll(e => e.CallId).ToArray(), fresh.ConvertAll(e => e.Sequence).ToArray(),
                    fresh.ConvertAll(e => e.OccurredAt.ToUniversalTime()).ToArray(), fresh.ConvertAll(e => e.Type).ToArray(), data),
                Command(UpdateCalls,
                    calls.ConvertAll(c => c.Id).ToArray(), calls.ConvertAll(c => c.Direction.ToString()).ToArray(),
                    calls.ConvertAll(c => c.CallerNumber).ToArray(), calls.ConvertAll(c => c.CallerE164).ToArray(),
                    calls.ConvertAll(c => c.DialedNumber).ToArray(), calls.ConvertAll(c => c.ClientId).ToArray(),
                    calls.ConvertAll(c => c.RuleName).ToArray(), calls.ConvertAll(c => c.RoutingTrace).ToArray(),
                    calls.ConvertAll(c => c.MenuChoice).ToArray(), calls.ConvertAll(c => c.QueueName).ToArray(),
                    calls.ConvertAll(c => c.ReceivedAt?.ToUniversalTime()).ToArray(), calls.ConvertAll(c => c.AnsweredAt?.ToUniversalTime()).ToArray(),
                    calls.ConvertAll(c => c.EndedAt?.ToUniversalTime()).ToArray(), calls.ConvertAll(c => c.AnsweredBy).ToArray(),
                    calls.ConvertAll(c => c.EndedBy?.ToString()).ToArray(), calls.ConvertAll(c => c.EndReason).ToArray(),
                    calls.ConvertAll(c => c.Outcome).ToArray(), calls.ConvertAll(c => c.RecordingPath).ToArray(),
                    calls.ConvertAll(c => c.TransferCount).ToArray(), calls.ConvertAll(c => c.LastSequence).ToArray(),
                    calls.ConvertAll(c => c.Trunk).ToArray(), calls.ConvertAll(c => Truncated(c.RecordingProblem)).ToArray()),
            },
        };
        var recordings = fresh.Where(e => e.Event is RecordingAvailable { File: not RecordingFileState.Missing }).Select(e => (RecordingAvailable)e.Event)
            .GroupBy(r => r.CallId).Select(g => g.MaxBy(r => r.Sequence)!).ToList();
        if (recordings.Count > 0)
        {
            batch.BatchCommands.Add(Command(UpsertRecordings, recordings.ConvertAll(r => r.CallId).ToArray(), recordings.ConvertAll(r => r.Path).ToArray(),
                recordings.ConvertAll(r => r.Duration).ToArray(), recordings.ConvertAll(r => r.OccurredAt.ToUniversalTime()).ToArray()));
        }

        batch.ExecuteNonQuery();
    }

    /// <summary>The events as the timeline stores them (JSON); a NUL character, which PostgreSQL's text and jsonb refuse, becomes U+FFFD in the stored copy and in the event the summary reads.</summary>
    private static string[] Serialize(List<CallEventEnvelope> fresh)
    {
        var data = new string[fresh.Count];
        for (var i = 0; i < fresh.Count; i++)
        {
            var evt = fresh[i];
            data[i] = JsonSerializer.Serialize(evt.Event, evt.Event.GetType(), OutboxMessageTypes.JsonOptions);
            if (data[i].Contains(NulEscape, StringComparison.Ordinal))
            {
                data[i] = data[i].Replace(NulEscape, "\\uFFFD", StringComparison.Ordinal);
                fresh[i] = evt with { Event = JsonSerializer.Deserialize(data[i], evt.Event.GetType(), OutboxMessageTypes.JsonOptions)! };
            }
        }

        return data;
    }

    private static CallRecord ReadCall(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        Direction = Enum.Parse<CallDirection>(reader.GetString(1)),
        CallerNumber = reader.GetString(2),
        CallerE164 = NullableString(reader, 3),
        DialedNumber = reader.GetString(4),
        ClientId = reader.IsDBNull(5) ? null : reader.GetGuid(5),
        RuleName = NullableString(reader, 6),
        RoutingTrace = NullableString(reader, 7),
        MenuChoice = NullableString(reader, 8),
        QueueName = NullableString(reader, 9),
        ReceivedAt = NullableTime(reader, 10),
        AnsweredAt = NullableTime(reader, 11),
        EndedAt = NullableTime(reader, 12),
        AnsweredBy = NullableString(reader, 13),
        EndedBy = reader.IsDBNull(14) ? null : Enum.Parse<CallEndedBy>(reader.GetString(14)),
        EndReason = NullableString(reader, 15),
        Outcome = NullableString(reader, 16),
        RecordingPath = NullableString(reader, 17),
        TransferCount = reader.GetInt32(18),
        LastSequence = reader.GetInt32(19),
        Trunk = NullableString(reader, 20),
        RecordingProblem = NullableString(reader, 21),
    };

    private static string? Truncated(string? problem) =>
        problem is { Length: > CallRecord.MaxRecordingProblemLength } ? problem[..CallRecord.MaxRecordingProblemLength] : problem;

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>A batch command with positional parameters ($1, $2, ...): arrays, so a batch of any size is one statement.</summary>
    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
