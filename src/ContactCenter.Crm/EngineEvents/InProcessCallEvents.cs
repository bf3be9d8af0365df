using ContactCenter.Contracts.Agents;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.AgentStates;
using ContactCenter.Crm.CallLog;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Messaging;
using ContactCenter.Crm.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Crm.EngineEvents;

/// <summary>
/// The CRM's share of the engine's events when both run in one process (issue #14/#15): the call log, agent-state
/// history and new callers take the events by reference from the engine's spool instead of through the in-memory bus,
/// which serialized each event once more and deserialized it once per receiving queue. <see cref="ApplyAsync"/> returns
/// only when every event is stored, so the spool's cursor for the CRM moves after the database has them - a crash right
/// after a database outage replays what was not stored instead of losing it.
/// </summary>
public sealed partial class InProcessCallEvents
{
    // A failure that is not an outage (a bug, data the database refuses) is retried as the bus would, then skipped.
    private static readonly TimeSpan[] RetryIntervals = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly CallLogBatcher _batcher;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<InProcessCallEvents> _logger;

    internal InProcessCallEvents(CallLogBatcher batcher, IServiceScopeFactory scopes, TimeProvider time, ILogger<InProcessCallEvents> logger) =>
        (_batcher, _scopes, _time, _logger) = (batcher, scopes, time, logger);

    /// <summary>The contracts taken here: the call log's, <see cref="AgentStateChanged"/> and (for new callers) <see cref="CallReceived"/>.</summary>
    public static IReadOnlySet<Type> Types { get; } = new HashSet<Type>(CallEventTypes.ByName.Values) { typeof(AgentStateChanged) };

    /// <summary>
    /// Stores <paramref name="events"/>; throws when the database is away (the caller delivers the same events again later:
    /// everything here is idempotent). An event that fails for another reason is retried four times, then logged and skipped.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var parts = new List<(string What, Func<Task> Work)>();
        foreach (var message in events)
        {
            if (CallEventEnvelope.For(message) is { } envelope)
            {
                parts.Add(($"{envelope.Type} of call {envelope.CallId}", () => _batcher.ApplyAsync(envelope, cancellationToken)));
            }
        }

        // New callers one at a time, in order (two calls from one new number must not make two clients).
        var received = events.OfType<CallReceived>().Where(c => c.Direction == CallDirection.Inbound).ToList();
        if (received.Count > 0)
        {
            parts.Add(($"new callers of {received.Count} calls", () => RegisterCallersAsync(received, cancellationToken)));
        }

        var states = events.OfType<AgentStateChanged>().ToList();
        if (states.Count > 0)
        {
            parts.Add(($"{states.Count} agent state changes", () => WriteStatesAsync(states, cancellationToken)));
        }

        await Task.WhenAll(parts.Select(part => RunAsync(part.What, part.Work, cancellationToken))).ConfigureAwait(false);
    }

    private async Task RunAsync(string what, Func<Task> work, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await work().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!BusTransport.IsOutage(ex) && ex is not OperationCanceledException)
            {
                if (attempt == RetryIntervals.Length)
                {
                    LogSkipped(_logger, ex, what);
                    return;
                }

                await Task.Delay(RetryIntervals[attempt], _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RegisterCallersAsync(List<CallReceived> calls, CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<NewClientRegistrar>().RegisterAllAsync(calls, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteStatesAsync(List<AgentStateChanged> states, CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await AgentStateHistoryWriter.WriteAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), states, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The CRM could not store {What} after five tries; skipped")]
    private static partial void LogSkipped(ILogger logger, Exception exception, string what);
}
