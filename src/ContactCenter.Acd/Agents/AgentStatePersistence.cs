using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Acd.Agents;

/// <summary>
/// Restores the states agents chose when the service starts, and saves every change in the background: a change
/// is in force at once; when the database is down, saving is retried (the latest choice per agent wins) so that a
/// restart after the outage still knows who is on vacation and who takes over.
/// </summary>
public sealed partial class AgentStatePersistence(AgentStateBoard board, IAgentStateStore store, TimeProvider time,
    ILogger<AgentStatePersistence> logger) : BackgroundService
{
    private readonly Channel<SavedAgentState> _pending = Channel.CreateUnbounded<SavedAgentState>(new UnboundedChannelOptions { SingleReader = true });

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        board.ChoiceMade += OnChoice;
        try
        {
            await RestoreAsync(stoppingToken).ConfigureAwait(false);
            var latest = new Dictionary<string, SavedAgentState>(StringComparer.Ordinal);
            while (await _pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (_pending.Reader.TryRead(out var state))
                {
                    latest[state.Extension] = state;
                }

                foreach (var state in latest.Values.ToList())
                {
                    try
                    {
                        await store.SaveAsync(state, stoppingToken).ConfigureAwait(false);
                        latest.Remove(state.Extension);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogSaveFailed(logger, ex, state.Extension);
                    }
                }

                if (latest.Count > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(false);
                    foreach (var state in latest.Values)
                    {
                        _pending.Writer.TryWrite(state);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        finally
        {
            board.ChoiceMade -= OnChoice;
        }
    }

    private Task RestoreAsync(CancellationToken cancellationToken) =>
        StartupRetry.RunAsync(async ct =>
        {
            var saved = await store.LoadAsync(ct).ConfigureAwait(false);
            board.Restore(saved);
            LogRestored(logger, saved.Count);
        }, ex => LogRestoreFailed(logger, ex), time, cancellationToken);

    private void OnChoice(SavedAgentState state) => _pending.Writer.TryWrite(state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent states restored: {Count} saved choices")]
    private static partial void LogRestored(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent states cannot be read yet; agents start in the initial state until the database answers")]
    private static partial void LogRestoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId}'s state cannot be saved now; retrying")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string agentId);
}
