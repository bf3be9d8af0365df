using ContactCenter.Contracts.Agents;
using ContactCenter.Crm.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.AgentStates;

/// <summary>
/// Stores every <see cref="AgentStateChanged"/> in <c>agent_state_history</c>: idempotent (a redelivered event, same id,
/// is stored once) and order-free (the reports order by the ACD's time, so events arriving late give the same figures).
/// A reason longer than the column is cut, never refused; a database outage fails the message for the bus to retry.
/// </summary>
internal sealed class AgentStateHistoryConsumer(CrmDbContext db) : IConsumer<AgentStateChanged>
{
    private const int MaxReason = 200;
    private const int MaxText = 32;

    public async Task Consume(ConsumeContext<AgentStateChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        if (string.IsNullOrEmpty(m.AgentExtension) || string.IsNullOrEmpty(m.State))
        {
            return; // nothing to attribute the time to
        }

        var reason = m.Reason is { Length: > MaxReason } r ? r[..MaxReason] : m.Reason;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO agent_state_history (event_id, agent_extension, occurred_at, state, reason)
            VALUES ({m.EventId}, {Cut(m.AgentExtension)}, {m.OccurredAt.ToUniversalTime()}, {Cut(m.State)}, {Clean(reason)})
            ON CONFLICT (event_id) DO NOTHING
            """, context.CancellationToken);
    }

    private static string Cut(string value) => Clean(value.Length > MaxText ? value[..MaxText] : value)!;

    // PostgreSQL's text refuses NUL characters.
    private static string? Clean(string? value) => value?.Replace('\0', '\uFFFD');
}
