using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using ContactCenter.CallEngine.Events;
using ContactCenter.Crm.Outbox;
using ContactCenter.Host.Calls.Spool;
using MassTransit;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ContactCenter.Host.Calls;

/// <summary>
/// The engine's call events, durable before the bus: <see cref="Publish{T}"/> appends each event to the local spool
/// (<see cref="CallEventSpool"/>; a write to the kernel, so a crash of the process loses nothing, and a call never waits
/// for a disk or the broker); a flush loop makes appends durable with one fsync per group; a forward loop puts the durable
/// events on the bus in order, retrying an outage with back-off for as long as it lasts, and moves the spool's checkpoint
/// only after the bus took them. After a restart the events past the checkpoint are replayed; the CRM drops the ones it
/// has (each event carries its id). A disk that refuses writes is survived too: those events wait in memory.
/// </summary>
public sealed partial class BusCallEventPublisher : BackgroundService, ICallEventPublisher
{
    private readonly CallEventSpool _spool;
    private readonly IBus _bus;
    private readonly IOptions<CallEventSpoolOptions> _options;
    private readonly TimeProvider _time;
    private readonly CallEventSpoolMetrics _metrics;
    private readonly ILogger<BusCallEventPublisher> _logger;
    private readonly ConcurrentQueue<byte[]> _unspooled = new();
    private readonly WakeSignal _appended = new();
    private readonly WakeSignal _durable = new();
    private readonly ResiliencePipeline _retry;
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;
    private long _forwarded;
    private string? _lastError;

    internal BusCallEventPublisher(CallEventSpool spool, IBus bus, IOptions<CallEventSpoolOptions> options, TimeProvider time,
        CallEventSpoolMetrics metrics, ILogger<BusCallEventPublisher> logger)
    {
        (_spool, _bus, _options, _time, _metrics, _logger) = (spool, bus, options, time, metrics, logger);
        _forwarded = spool.CommittedSequence;
        metrics.ObserveBacklog(() => Backlog);
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = options.Value.MaxRetryDelay,
                OnRetry = args =>
                {
                    _lastError = args.Outcome.Exception?.Message;
                    if (args.AttemptNumber == 0)
                    {
                        LogPublishFailed(_logger, args.Outcome.Exception!);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Events produced and not yet taken by the bus.</summary>
    public long Backlog => _spool.AppendedSequence - Interlocked.Read(ref _forwarded) + _unspooled.Count;

    /// <summary>Why the last publish failed while a backlog waits, or null when the bus takes events.</summary>
    public string? LastError => Backlog > 0 ? _lastError : null;

    /// <summary>True while the spool's disk refuses writes.</summary>
    public bool SpoolFailing => _spool.Failing;

    /// <inheritdoc />
    public void Publish<T>(T message)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = Serialize(message);
        if (_spool.TryAppend(payload) is null)
        {
            _metrics.AppendFailed();
            _unspooled.Enqueue(payload.ToArray());
            _durable.Set();
            return;
        }

        _appended.Set();
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _appended.Dispose();
        _durable.Dispose();
        base.Dispose();
    }

    // The spool record (a SpoolPayload's JSON) written in one pass into this thread's buffer; valid until the next call on
    // this thread (Publish does not await, so nothing else runs on the thread in between).
    private ReadOnlySpan<byte> Serialize<T>(T message)
        where T : class
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        var type = message.GetType();
        writer.WriteStartObject();
        writer.WriteString("messageId", Guid.CreateVersion7(_time.GetUtcNow()));
        writer.WriteString("type", type.FullName);
        writer.WritePropertyName("body");
        JsonSerializer.Serialize(writer, message, type, OutboxMessageTypes.JsonOptions);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan;
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The engine stopped before us (hosted services stop in reverse order): sync its last events and give the bus
        // until the host's shutdown timeout to take them; what is left is replayed at the next start.
        _spool.FlushToDisk();
        _durable.Set();
        while (Backlog > 0 && !cancellationToken.IsCancellationRequested && _lastError is null)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        _spool.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _durable.Set(); // replay what a previous run left
        await Task.WhenAll(FlushLoopAsync(stoppingToken), ForwardLoopAsync(stoppingToken)).ConfigureAwait(false);
    }

    private async Task FlushLoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _appended.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var before = _spool.DurableSequence;
            var started = _time.GetTimestamp();
            try
            {
                var durable = _spool.FlushToDisk();
                _metrics.GroupCommitted(_time.GetElapsedTime(started), durable - before);
            }
            catch (IOException ex)
            {
                // The records stay in the kernel's cache and the next fsync tries again; nothing is forwarded unsynced.
                LogFsyncFailed(_logger, ex);
            }

            _durable.Set();
        }
    }

    private async Task ForwardLoopAsync(CancellationToken stoppingToken)
    {
        using var reader = new SpoolReader(_spool);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _durable.WaitAsync(stoppingToken).ConfigureAwait(false);
                while (await ForwardBatchAsync(reader, stoppingToken).ConfigureAwait(false))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A spool read failing (damaged disk) must not stop the host; the next signal retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogForwardFailed(_logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
                _durable.Set();
            }
        }
    }

    // One pass: the spool's durable records in order, then any the disk refused. True when more may be waiting.
    private async Task<bool> ForwardBatchAsync(SpoolReader reader, CancellationToken stoppingToken)
    {
        var batch = reader.Read(_options.Value.BatchSize);
        foreach (var (sequence, payload) in batch)
        {
            await PublishAsync(payload, stoppingToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _forwarded, sequence);
        }

        if (batch.Count > 0)
        {
            _spool.Commit(batch[^1].Sequence);
            _metrics.Published(batch.Count);
        }

        var memory = 0;
        while (memory < _options.Value.BatchSize && _unspooled.TryPeek(out var payload))
        {
            await PublishAsync(payload, stoppingToken).ConfigureAwait(false);
            _unspooled.TryDequeue(out _);
            memory++;
        }

        _metrics.Published(memory);
        _lastError = null;
        return batch.Count == _options.Value.BatchSize || memory == _options.Value.BatchSize;
    }

    private async Task PublishAsync(byte[] payload, CancellationToken stoppingToken)
    {
        SpoolPayload? record;
        Type? type;
        try
        {
            record = JsonSerializer.Deserialize<SpoolPayload>(payload, OutboxMessageTypes.JsonOptions);
            type = record is null ? null : OutboxMessageTypes.Resolve(record.Type);
        }
        catch (JsonException)
        {
            (record, type) = (null, null);
        }

        if (record is null || type is null)
        {
            LogUnreadable(_logger, payload.Length);
            return; // cannot be delivered by anyone: skip it rather than block every later event
        }

        var message = record.Body.Deserialize(type, OutboxMessageTypes.JsonOptions)!;
        await _retry.ExecuteAsync(
            async ct => await _bus.Publish(message, type, context => context.MessageId = record.MessageId, ct).ConfigureAwait(false),
            stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call events cannot reach the bus; they wait in the spool and are retried until it is back")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call-event spool fsync failed; retried on the next append")]
    private static partial void LogFsyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forwarding call events from the spool failed; retrying")]
    private static partial void LogForwardFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped an unreadable call event of {Bytes} bytes in the spool")]
    private static partial void LogUnreadable(ILogger logger, int bytes);
}
