using System.Collections.Concurrent;
using ContactCenter.Host.Calls.Spool;
using Polly;
using Polly.Retry;

namespace ContactCenter.Host.Calls.Lanes;

/// <summary>
/// Moves one lane along the spool: reads the durable records after the lane's cursor in batches, passes over the types
/// the lane does not take, delivers the rest, retrying with back-off for as long as delivery fails (an outage), and commits
/// the cursor only after the lane has them. Records the disk refused (kept in memory by the publisher) follow.
/// </summary>
internal sealed partial class LaneForwarder : IDisposable
{
    private readonly ICallEventLane _lane;
    private readonly CallEventSpool _spool;
    private readonly SpoolCursor _cursor;
    private readonly int _batchSize;
    private readonly TimeSpan _checkpointInterval;
    private readonly TimeSpan _deliveryWindow;
    private readonly ITimer _saveTimer;
    private readonly TimeProvider _time;
    private readonly CallEventSpoolMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<byte[]> _unspooled = new();
    private readonly WakeSignal _wake = new();
    private readonly ResiliencePipeline _retry;
    private long _forwarded;
    private long _savedAt; // the loop's own: when the cursor's file was last written
    private long? _deliveredAt; // the loop's own: when the last delivery from the spool started
    private int _saveArmed;
    private string? _lastError;

    public LaneForwarder(ICallEventLane lane, CallEventSpool spool, CallEventSpoolOptions options, TimeProvider time,
        CallEventSpoolMetrics metrics, ILogger logger)
    {
        (_lane, _spool, _batchSize, _checkpointInterval, _deliveryWindow, _time, _metrics, _logger) =
            (lane, spool, options.BatchSize, options.CheckpointInterval, lane.GainsFromBatches ? options.DeliveryWindow : TimeSpan.Zero, time, metrics, logger);
        _cursor = spool.Cursors[lane.Name];
        _forwarded = _cursor.Committed;
        _savedAt = time.GetTimestamp();
        _saveTimer = time.CreateTimer(static s => ((LaneForwarder)s!).SaveDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var maxRetryDelay = options.MaxRetryDelay;
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = maxRetryDelay,
                OnRetry = args =>
                {
                    _lastError = args.Outcome.Exception?.Message;
                    if (args.AttemptNumber == 0)
                    {
                        LogDeliveryFailed(_logger, args.Outcome.Exception!, _lane.Name);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The lane's name.</summary>
    public string Name => _lane.Name;

    /// <summary>Events produced and not yet taken by this lane (counting records of types it passes over).</summary>
    public long Backlog => _spool.AppendedSequence - Interlocked.Read(ref _forwarded) + _unspooled.Count;

    /// <summary>Why the last delivery failed while a backlog waits, or null.</summary>
    public string? LastError => Backlog > 0 ? _lastError : null;

    /// <summary>Keeps an event the disk refused for this lane (delivered after the spool's records).</summary>
    public void KeepUnspooled(byte[] payload) => _unspooled.Enqueue(payload);

    /// <summary>Tells the loop that more records are durable.</summary>
    public void Wake() => _wake.Set();

    /// <inheritdoc />
    public void Dispose()
    {
        _saveTimer.Dispose();
        _wake.Dispose();
    }

    /// <summary>Forwards until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var reader = new SpoolReader(_spool, _cursor.Committed);
        _wake.Set(); // replay what a previous run left
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(stoppingToken).ConfigureAwait(false);
                if (_deliveredAt is { } delivered && _deliveryWindow - _time.GetElapsedTime(delivered) is { Ticks: > 0 } rest)
                {
                    // Within the last delivery's window: what becomes durable meanwhile goes with the next batch.
                    await Task.Delay(rest, _time, stoppingToken).ConfigureAwait(false);
                }

                if (Interlocked.CompareExchange(ref _saveArmed, 0, 2) == 2)
                {
                    SaveCursor(); // the timer fired (an armed, unfired timer stays armed)
                }

                while (await ForwardBatchAsync(reader, stoppingToken).ConfigureAwait(false))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the spool saves every cursor when it is disposed
            }
#pragma warning disable CA1031 // A spool read failing (damaged disk) must not stop the host; the next signal retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogForwardFailed(_logger, ex, _lane.Name);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                _wake.Set();
            }
        }
    }

    // One pass: the spool's durable records in order, then any the disk refused. True when more may be waiting.
    private async Task<bool> ForwardBatchAsync(SpoolReader reader, CancellationToken stoppingToken)
    {
        var records = reader.Read(_batchSize);
        if (records.Count > 0)
        {
            var events = Decode(records.Select(r => r.Payload));
            if (events.Count > 0)
            {
                _deliveredAt = _time.GetTimestamp();
                await DeliverAsync(events, stoppingToken).ConfigureAwait(false);
            }

            var last = records[^1].Sequence;
            Interlocked.Exchange(ref _forwarded, last);
            CommitCursor(last);
            _metrics.Delivered(_lane.Name, events.Count);
        }

        var memory = new List<byte[]>();
        foreach (var payload in _unspooled)
        {
            if (memory.Count == _batchSize)
            {
                break;
            }

            memory.Add(payload);
        }

        if (memory.Count > 0)
        {
            var events = Decode(memory.Select(m => (ReadOnlyMemory<byte>)m));
            if (events.Count > 0)
            {
                await DeliverAsync(events, stoppingToken).ConfigureAwait(false);
            }

            for (var i = 0; i < memory.Count; i++)
            {
                _unspooled.TryDequeue(out _);
            }

            _metrics.Delivered(_lane.Name, events.Count);
        }

        _lastError = null;
        return records.Count == _batchSize || memory.Count == _batchSize;
    }

    // The cursor moves at once; its file is rewritten at most every CheckpointInterval: now when that long has passed
    // since the last write, else by the timer (armed once per interval), which wakes the loop to write it.
    private void CommitCursor(long sequence)
    {
        var due = _checkpointInterval - _time.GetElapsedTime(_savedAt);
        if (due <= TimeSpan.Zero)
        {
            _cursor.Commit(sequence);
            _savedAt = _time.GetTimestamp();
            return;
        }

        _cursor.Commit(sequence, save: false);
        if (Interlocked.CompareExchange(ref _saveArmed, 1, 0) == 0)
        {
            _saveTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void SaveDue()
    {
        if (Interlocked.CompareExchange(ref _saveArmed, 2, 1) == 1)
        {
            try
            {
                _wake.Set();
            }
            catch (ObjectDisposedException)
            {
                // the lane stopped while the timer fired; the spool saved the cursor when it was disposed
            }
        }
    }

    private void SaveCursor()
    {
        _cursor.Save();
        _savedAt = _time.GetTimestamp();
    }

    private Task DeliverAsync(List<SpooledEvent> events, CancellationToken stoppingToken) =>
        _retry.ExecuteAsync(async ct => await _lane.DeliverAsync(events, ct).ConfigureAwait(false), stoppingToken).AsTask();

    private List<SpooledEvent> Decode(IEnumerable<ReadOnlyMemory<byte>> payloads)
    {
        var events = new List<SpooledEvent>();
        foreach (var payload in payloads)
        {
            switch (SpoolPayload.TryRead(payload.Span, _lane.Wants, out var id, out var message))
            {
                case SpoolPayload.Outcome.Read:
                    events.Add(new SpooledEvent(id, message!));
                    break;
                case SpoolPayload.Outcome.Unreadable:
                    LogUnreadable(_logger, payload.Length, _lane.Name); // cannot be delivered by anyone: skip it rather than block every later event
                    break;
            }
        }

        return events;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call events cannot reach {Lane}; they wait in the spool and are retried until it is back")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string lane);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forwarding call events from the spool to {Lane} failed; retrying")]
    private static partial void LogForwardFailed(ILogger logger, Exception exception, string lane);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped an unreadable call event of {Bytes} bytes in the spool ({Lane})")]
    private static partial void LogUnreadable(ILogger logger, int bytes, string lane);
}
