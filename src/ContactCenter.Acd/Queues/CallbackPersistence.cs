using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Acd.Queues;

/// <summary>
/// Saves every callback request and its outcome in the background (retrying while the database is away), and puts
/// pending callbacks back in their queues when the service starts: a restart never forgets a promised callback.
/// </summary>
public sealed partial class CallbackPersistence(QueueTracker queues, ICallbackStore store, TimeProvider time, ILogger<CallbackPersistence> logger)
    : BackgroundService
{
    private readonly Channel<SavedCallback> _pending = Channel.CreateUnbounded<SavedCallback>(new UnboundedChannelOptions { SingleReader = true });

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        queues.Changed += OnChanged;
        try
        {
            await RestoreAsync(stoppingToken).ConfigureAwait(false);
            var unsaved = new List<SavedCallback>();
            while (await _pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (_pending.Reader.TryRead(out var callback))
                {
                    unsaved.Add(callback);
                }

                while (unsaved.Count > 0)
                {
                    try
                    {
                        await store.SaveAsync(unsaved[0], stoppingToken).ConfigureAwait(false);
                        unsaved.RemoveAt(0);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogSaveFailed(logger, ex, unsaved[0].Number);
                        await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(false);
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
            queues.Changed -= OnChanged;
        }
    }

    private Task RestoreAsync(CancellationToken cancellationToken) =>
        StartupRetry.RunAsync(async ct =>
        {
            var saved = await store.LoadPendingAsync(ct).ConfigureAwait(false);
            queues.RestoreCallbacks(saved);
            LogRestored(logger, saved.Count);
        }, ex => LogRestoreFailed(logger, ex), time, cancellationToken);

    private void OnChanged(SavedCallback callback) => _pending.Writer.TryWrite(callback);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued callbacks restored: {Count} pending")]
    private static partial void LogRestored(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pending callbacks cannot be read yet; retrying")]
    private static partial void LogRestoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The callback to {Number} cannot be saved now; retrying")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string number);
}
