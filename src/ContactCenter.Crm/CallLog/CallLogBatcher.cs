using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactCenter.Crm.CallLog;

/// <summary>
/// Group commit for the call log. Consumers hand their event in and wait; a writer loop (<see cref="CallLogOptions.Writers"/>
/// of them) takes every event waiting for it at that moment (up to <see cref="CallLogOptions.MaxBatch"/>) and stores them in one transaction, so the
/// database sees one commit per batch instead of one per event, and events that arrive while a batch is
/// written form the next one (no timer: an idle log writes a lone event at once). Calls are shared among the writers
/// by their id, so one call's events always go to the same writer: two writers never wait for each other's row locks
/// (a call's first events arrive within milliseconds and would otherwise land in both). A consumer's message is
/// acknowledged only after its batch committed, so a crash or an outage loses nothing: the bus redelivers.
/// MassTransit's own batch consumer groups one message type per batch; the call log needs all of a call's
/// event types together, hence this small loop.
/// </summary>
internal sealed partial class CallLogBatcher(IServiceScopeFactory scopes, IOptions<CallLogOptions> options, CrmMetrics metrics,
    TimeProvider time, ILogger<CallLogBatcher> logger) : IAsyncDisposable
{
    private readonly int _maxBatch = options.Value.MaxBatch;
    private readonly BlockingCollection<Pending>[] _pending =
        Enumerable.Range(0, options.Value.Writers).Select(_ => new BlockingCollection<Pending>(new ConcurrentQueue<Pending>())).ToArray();

    private readonly Lock _startLock = new();
    private Task? _loop;

    /// <summary>Stores <paramref name="evt"/> with the next batch; completes once it is committed (false: a redelivery).</summary>
    public Task<bool> ApplyAsync(CallEventEnvelope evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        EnsureStarted();
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = _pending[(uint)evt.CallId.GetHashCode() % (uint)_pending.Length];
        try
        {
            queue.Add(new Pending(evt, done, time.GetTimestamp()), CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(CallLogBatcher));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _pending)
        {
            queue.CompleteAdding();
        }

        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        foreach (var queue in _pending)
        {
            queue.Dispose();
        }
    }

    /// <summary>
    /// Each writer is a thread of its own doing blocking database I/O: the log sits on the path from a call's end to its
    /// record, and on a busy machine every hop through the thread pool's queue (a socket completion, a channel wake-up)
    /// waits behind the bus's own work items; a blocked thread is woken by the kernel directly.
    /// </summary>
    private void EnsureStarted()
    {
        if (_loop is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _loop ??= Task.WhenAll(_pending.Select(queue =>
                Task.Factory.StartNew(() => Run(queue), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        }
    }

    private void Run(BlockingCollection<Pending> queue)
    {
        var batch = new List<Pending>(_maxBatch);
        while (queue.TryTake(out var first, Timeout.Infinite))
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < _maxBatch && queue.TryTake(out var item))
            {
                batch.Add(item);
            }

            try
            {
                metrics.CallLogBatch(batch.Count);
                var started = time.GetTimestamp();
                foreach (var item in batch)
                {
                    metrics.CallLogWait(time.GetElapsedTime(item.Enqueued, started));
                }

                Write(batch);
                metrics.CallLogWrite(time.GetElapsedTime(started));
            }
            catch (Exception ex)
            {
                // Whatever went wrong (a metrics listener, say), this writer's share of the calls must not wait forever.
                LogWriterFailed(logger, ex);
                foreach (var item in batch)
                {
                    item.Done.TrySetException(ex);
                }
            }
        }
    }

    private void Write(List<Pending> batch)
    {
        try
        {
            var applied = WriteOnce(batch.ConvertAll(p => p.Event));
            Complete(batch, applied);
        }
        catch (Exception ex) when (batch.Count > 1 && IsRefusedData(ex))
        {
            // One bad event must not hold back the others: write them one by one, so only it fails (and is retried by the bus).
            LogBatchFailed(logger, batch.Count, ex.Message);
            foreach (var item in batch)
            {
                WriteAlone(item);
            }
        }
        catch (Exception ex)
        {
            // The database is away (or the like): the whole batch fails at once and the bus retries it later; writing
            // 500 events one by one against a recovering server would only hold every consumer longer.
            foreach (var item in batch)
            {
                item.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>True when PostgreSQL refused the data itself (SQLSTATE class 22 data exception or 23 constraint violation).</summary>
    private static bool IsRefusedData(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException { SqlState: [ '2', '2' or '3', ..] })
            {
                return true;
            }
        }

        return false;
    }

    private void WriteAlone(Pending item)
    {
        try
        {
            Complete([item], WriteOnce([item.Event]));
        }
        catch (Exception ex)
        {
            item.Done.TrySetException(ex);
        }
    }

    private bool[] WriteOnce(IReadOnlyList<CallEventEnvelope> events)
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<CallLogWriter>().ApplyBatch(events);
    }

    private void Complete(IReadOnlyList<Pending> batch, bool[] applied)
    {
        var now = time.GetUtcNow();
        for (var i = 0; i < batch.Count; i++)
        {
            if (applied[i])
            {
                metrics.CallEventVisible(batch[i].Event.Type, now - batch[i].Event.OccurredAt);
            }

            batch[i].Done.TrySetResult(applied[i]);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A call-log writer failed outside the database; its batch goes back to the bus")]
    private static partial void LogWriterFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A call-log batch of {Count} events failed ({Error}); writing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string error);

    private sealed record Pending(CallEventEnvelope Event, TaskCompletionSource<bool> Done, long Enqueued);
}
