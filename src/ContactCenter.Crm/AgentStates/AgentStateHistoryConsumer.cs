using ContactCenter.Contracts.Agents;
using ContactCenter.Crm.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.AgentStates;

/// <summary>
/// Stores every <see cref="AgentStateChanged"/> in <c>agent_state_history</c>: idempotent (a redelivered event, same id,
/// is stored once) and order-free (the reports order by the ACD's time, so events arriving late give the same figures).
/// The changes arrive in batches (<see cref="BatchLimit"/> or what came within <see cref="BatchTime"/>), one INSERT each:
/// at a thousand calls a second the ACD makes about four thousand changes a second, one statement and transaction each
/// was the database's busiest work (issue #14). A reason longer than the column is cut, never refused; a database outage
/// fails the batch for the bus to retry.
/// </summary>
internal sealed class AgentStateHistoryConsumer(CrmDbContext db) : IConsumer<Batch<AgentStateChanged>>
{
    /// <summary>The most changes stored together.</summary>
    public const int BatchLimit = 200;

    /// <summary>How long the first change of a batch waits for others.</summary>
    public static readonly TimeSpan BatchTime = TimeSpan.FromMilliseconds(50);

    private const int MaxReason = 200;
    private const int MaxText = 32;

    public async Task Consume(ConsumeContext<Batch<AgentStateChanged>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var changes = context.Message.Select(m => m.Message)
            .Where(m => !string.IsNullOrEmpty(m.AgentExtension) && !string.IsNullOrEmpty(m.State)) // nothing to attribute the time to
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO agent_state_history (event_id, agent_extension, occurred_at, state, reason)
            SELECT * FROM unnest(@ids, @extensions, @times, @states, @reasons)
            ON CONFLICT (event_id) DO NOTHING
            """,
            [
                new Npgsql.NpgsqlParameter("ids", changes.ConvertAll(m => m.EventId).ToArray()),
                new Npgsql.NpgsqlParameter("extensions", changes.ConvertAll(m => Cut(m.AgentExtension)).ToArray()),
                new Npgsql.NpgsqlParameter("times", changes.ConvertAll(m => m.OccurredAt.ToUniversalTime()).ToArray()),
                new Npgsql.NpgsqlParameter("states", changes.ConvertAll(m => Cut(m.State)).ToArray()),
                new Npgsql.NpgsqlParameter("reasons", changes.ConvertAll(m => Clean(m.Reason is { Length: > MaxReason } r ? r[..MaxReason] : m.Reason)).ToArray()),
            ],
            context.CancellationToken);
    }

    private static string Cut(string value) => Clean(value.Length > MaxText ? value[..MaxText] : value)!;

    // PostgreSQL's text refuses NUL characters.
    private static string? Clean(string? value) => value?.Replace('\0', '\uFFFD');
}
