using ContactCenter.Acd.Agents;
using ContactCenter.Acd.Policy;
using ContactCenter.CallEngine.Calls;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Acd.Queues;

/// <summary>
/// Places queued callbacks. Every second it walks each queue in arrival order, handing free members (longest idle
/// first) to the entries that have no agent yet: a caller still on the line keeps its agent for its own next
/// routing round; a callback takes one and is placed (the agent's phone first, then the client through the trunk).
/// So a callback keeps the caller's original place, is placed only when an agent is free for it, never more at
/// once than there are free agents, and never twice: once the client was dialled it is done, answered or not; only
/// when the agent did not answer does it go back to its place.
/// </summary>
public sealed partial class CallbackDispatcher(QueueTracker queues, RoutingPolicyProvider policies, AgentStateBoard agents, ICallPlacer placer,
    TimeProvider time, ILogger<CallbackDispatcher> logger) : BackgroundService
{
    /// <summary>The rule name on a callback's call record.</summary>
    public const string Purpose = "callback";

    /// <summary>Places what can be placed now; returns how many callbacks were started.</summary>
    public int DispatchOnce()
    {
        var started = 0;
        foreach (var queue in policies.Current.Policy.Queues ?? [])
        {
            var waiting = queues.GetWaiting(queue.Name);
            if (!waiting.Any(e => e.IsCallback && !e.HasAgent))
            {
                continue;
            }

            var free = queue.Members.Select(m => agents.GetStatus(m.Extension))
                .Where(s => agents.IsOfferable(s, out _))
                .OrderBy(s => s.IdleSince ?? DateTimeOffset.MinValue)
                .Select(s => s.Extension).ToList();
            var next = 0;
            foreach (var entry in waiting)
            {
                if (entry.HasAgent)
                {
                    continue;
                }

                if (next >= free.Count)
                {
                    break;
                }

                var agent = free[next++];
                if (!entry.IsCallback || !queues.TryStartCallback(entry.Id))
                {
                    continue;
                }

                var placed = placer.Originate(agent, entry.Number!, Purpose);
                if (placed.Outcome is null)
                {
                    LogRefused(logger, entry.Number!, agent, placed.Refusal);
                    queues.EndCallback(entry.Id, done: false, answered: false);
                    continue;
                }

                started++;
                LogPlaced(logger, entry.Number!, agent, queue.Name, entry.EnqueuedAt);
                _ = FollowAsync(entry.Id, entry.Number!, agent, placed.Outcome);
            }
        }

        return started;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    DispatchOnce();
                }
#pragma warning disable CA1031 // The dispatcher must survive one bad round; it is logged and tried again next second.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task FollowAsync(Guid id, string number, string agent, Task<OriginateOutcome> outcome)
    {
        var result = await outcome.ConfigureAwait(false);
        queues.EndCallback(id, done: result != OriginateOutcome.AgentMissed, answered: result == OriginateOutcome.Connected);
        LogOutcome(logger, number, agent, result);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback to {Number} placed for {AgentId} from queue {QueueName} (queued since {EnqueuedAt})")]
    private static partial void LogPlaced(ILogger logger, string number, string agentId, string queueName, DateTimeOffset enqueuedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback to {Number} by {AgentId}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string number, string agentId, OriginateOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback to {Number} cannot be placed for {AgentId}: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string number, string agentId, string? refusal);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback round failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
