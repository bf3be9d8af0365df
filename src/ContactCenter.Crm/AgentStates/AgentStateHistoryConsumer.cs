using ContactCenter.Contracts.Agents;
using ContactCenter.Crm.Persistence;
using MassTransit;

namespace ContactCenter.Crm.AgentStates;

/// <summary>
/// Stores every <see cref="AgentStateChanged"/> from the bus in <c>agent_state_history</c> (see
/// <see cref="AgentStateHistoryWriter"/>). The changes arrive in batches (<see cref="BatchLimit"/> or what came within
/// <see cref="BatchTime"/>), one INSERT each: at a thousand calls a second the ACD makes about four thousand changes a
/// second, one statement and transaction each was the database's busiest work (issue #14). A database outage fails the
/// batch for the bus to retry.
/// </summary>
internal sealed class AgentStateHistoryConsumer(CrmDbContext db) : IConsumer<Batch<AgentStateChanged>>
{
    /// <summary>The most changes stored together.</summary>
    public const int BatchLimit = 200;

    /// <summary>How long the first change of a batch waits for others.</summary>
    public static readonly TimeSpan BatchTime = TimeSpan.FromMilliseconds(50);

    public Task Consume(ConsumeContext<Batch<AgentStateChanged>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AgentStateHistoryWriter.WriteAsync(db, context.Message.Select(m => m.Message), context.CancellationToken);
    }
}
