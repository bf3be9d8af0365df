using ContactCenter.Contracts.Agents;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.AgentStates;

/// <summary>
/// Stores <see cref="AgentStateChanged"/> events in <c>agent_state_history</c>, many in one INSERT: idempotent (a
/// redelivered event, same id, is stored once) and order-free (the reports order by the ACD's time, so events arriving
/// late give the same figures). A reason longer than the column is cut, never refused; a database outage throws, for the
/// caller to deliver the same changes again.
/// </summary>
internal static class AgentStateHistoryWriter
{
    private const int MaxReason = 200;
    private const int MaxText = 32;

    /// <summary>Stores <paramref name="events"/> (those without an agent or a state are skipped: nothing to attribute the time to).</summary>
    public static async Task WriteAsync(CrmDbContext db, IEnumerable<AgentStateChanged> events, CancellationToken cancellationToken)
    {
        var changes = events.Where(m => !string.IsNullOrEmpty(m.AgentExtension) && !string.IsNullOrEmpty(m.State)).ToList();
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
            cancellationToken);
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
