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
                new Npgsql.NpgsqlParameter("reasons", changes.ConvertAll(m => m.Reason is null ? null : Cut(m.Reason, MaxReason)).ToArray()),
            ],
            context.CancellationToken);
    }

    // At most max UTF-16 units, never half a surrogate pair: the database's UTF-8 refuses one, and with it the whole batch.
    private static string Cut(string value, int max = MaxText)
    {
        var end = value.Length <= max ? value.Length : char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return Clean(value[..end]);
    }

    // PostgreSQL's text refuses NUL characters, and UTF-8 a lone surrogate (a malformed one in the event itself).
    private static string Clean(string value)
    {
        var text = value.Replace('\0', '\uFFFD');
        if (!text.Any(char.IsSurrogate))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
