using System.Buffers;
using System.Text.Json;
using ContactCenter.CallEngine.Events;
using ContactCenter.Crm.Outbox;
using ContactCenter.Host.Calls.Lanes;
using ContactCenter.Host.Calls.Spool;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Calls;

/// <summary>
/// The engine's call events, durable before anyone acts on them: <see cref="Publish{T}"/> appends each event to the local
/// spool (<see cref="CallEventSpool"/>; a write to the kernel, so a crash of the process loses nothing, and a call never
/// waits for a disk, the database or the broker) and hands it by reference to the live listeners (the desks); a flush
/// loop makes appends durable with one fsync per group; each lane (<see cref="ICallEventLane"/>: the bus, and on one
/// machine the CRM's call log) reads the durable events in order with its own cursor, retrying an outage for as long
/// as it lasts, and moves its cursor only after it has them. After a restart each lane replays what it lacks; the
/// consumers drop what they have (each event carries its id). A disk that refuses writes is survived too: those events
/// wait in memory.
/// </summary>
public sealed partial class SpooledCallEventPublisher : BackgroundService, ICallEventPublisher
{
    private readonly CallEventSpool _spool;
    private readonly TimeProvider _time;
    private readonly CallEventSpoolMetrics _metrics;
    private readonly ILogger<SpooledCallEventPublisher> _logger;
    private readonly LaneForwarder[] _lanes;
    private readonly ILiveCallEventListener[] _live;
    private readonly WakeSignal _appended = new();
    private readonly TimeSpan _groupCommitWindow;
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    internal SpooledCallEventPublisher(CallEventSpool spool, IEnumerable<ICallEventLane> lanes, IEnumerable<ILiveCallEventListener> live,
        IOptions<CallEventSpoolOptions> options, TimeProvider time, CallEventSpoolMetrics metrics, ILogger<SpooledCallEventPublisher> logger)
    {
        (_spool, _time, _metrics, _logger, _groupCommitWindow) = (spool, time, metrics, logger, options.Value.GroupCommitWindow);
        _lanes = [.. lanes.Select(lane => new LaneForwarder(lane, spool, options.Value, time, metrics, logger))];
        _live = [.. live];
        metrics.ObserveBacklog(() => Backlogs);
    }

    /// <summary>Events produced and not yet taken by the lane furthest behind.</summary>
    public long Backlog => _lanes.Length == 0 ? 0 : _lanes.Max(l => l.Backlog);

    /// <summary>Why a lane's last delivery failed while its backlog waits ("lane: error"), or null when every lane keeps up.</summary>
    public string? LastError => _lanes.Select(l => l.LastError is { } error ? $"{l.Name}: {error}" : null).FirstOrDefault(e => e is not null);

    /// <summary>The lanes' backlogs by name.</summary>
    public IReadOnlyList<(string Lane, long Backlog)> Backlogs => [.. _lanes.Select(l => (l.Name, l.Backlog))];

    /// <summary>True while the spool's disk refuses writes.</summary>
    public bool SpoolFailing => _spool.Failing;

    /// <inheritdoc />
    public void Publish<T>(T message)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        foreach (var listener in _live)
        {
            if (listener.Wants(type))
            {
                listener.Offer(message);
            }
        }

        var payload = Serialize(message);
        if (_spool.TryAppend(payload) is null)
        {
            _metrics.AppendFailed();
            var copy = payload.ToArray();
            foreach (var lane in _lanes)
            {
                lane.KeepUnspooled(copy);
                lane.Wake();
            }

            return;
        }

        _appended.Set();
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _appended.Dispose();
        foreach (var lane in _lanes)
        {
            lane.Dispose();
        }

        base.Dispose();
    }

    // The spool record (see SpoolPayload) written in one pass into this thread's buffer; valid until the next call on
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
        // The engine stopped before us (hosted services stop in reverse order): sync its last events and give the lanes
        // until the host's shutdown timeout to take them; what is left is replayed at the next start.
        _spool.FlushToDisk();
        WakeLanes();
        while (Backlog > 0 && !cancellationToken.IsCancellationRequested && LastError is null)
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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
        await Task.WhenAll([FlushLoopAsync(stoppingToken), .. _lanes.Select(l => l.RunAsync(stoppingToken))]).ConfigureAwait(false);

    private void WakeLanes()
    {
        foreach (var lane in _lanes)
        {
            lane.Wake();
        }
    }

    // The group commit runs on a thread of its own (issue #14): its fsync blocks, and on a thread-pool thread it took one
    // of a small machine's few pool threads nearly all the time at 1,000 calls/s, so SIP handling and the calls'
    // continuations queued behind it (INVITEs retransmitted, calls living long enough to reach the admission cap).
    private Task FlushLoopAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                FlushLoop(stoppingToken);
                done.TrySetResult();
            }
#pragma warning disable CA1031 // Whatever ends the loop ends the service's task, as an async loop's exception would.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.TrySetException(ex);
            }
        }) { IsBackground = true, Name = "Call-event spool flush" }.Start();
        return done.Task;
    }

    private void FlushLoop(CancellationToken stoppingToken)
    {
        long? lastStarted = null;
        while (_appended.Wait(stoppingToken))
        {
            // Within the window of the last group commit, the events wait for its end and share the next fsync.
            if (lastStarted is { } last && !WaitOut(_groupCommitWindow - _time.GetElapsedTime(last), stoppingToken))
            {
                return;
            }

            var before = _spool.DurableSequence;
            var started = _time.GetTimestamp();
            try
            {
                var durable = _spool.FlushToDisk();
                if (durable == before)
                {
                    continue; // appended meanwhile and synced with the last group: nothing new, nothing to tell the lanes
                }

                lastStarted = started;
                _metrics.GroupCommitted(_time.GetElapsedTime(started), durable - before);
            }
            catch (IOException ex)
            {
                // The records stay in the kernel's cache and the next fsync tries again (a window later, as after one that
                // worked: a failing disk is not retried at every append); nothing is forwarded unsynced.
                lastStarted = started;
                LogFsyncFailed(_logger, ex);
            }

            WakeLanes();
        }
    }

    // Blocks the flush thread for what is left of a window, on the host's clock; false once the host stops. On the
    // system's clock the thread sleeps in the kernel: a timer's callback would need a thread-pool thread to wake it.
    private bool WaitOut(TimeSpan rest, CancellationToken stoppingToken)
    {
        if (rest <= TimeSpan.Zero)
        {
            return true;
        }

        if (_time == TimeProvider.System)
        {
            return !stoppingToken.WaitHandle.WaitOne(rest);
        }

        try
        {
            Task.Delay(rest, _time, stoppingToken).Wait(stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call-event spool fsync failed; retried on the next append")]
    private static partial void LogFsyncFailed(ILogger logger, Exception exception);
}
