using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// Hands parsed messages to the <see cref="ISipMessageHandler"/>, so that a slow handler never blocks a receive loop.
/// Inline (<see cref="SipTransportOptions.DispatchInline"/>, the default): the receive loop runs the handler's synchronous
/// part itself, which saves a thread-pool hop and a thread wake-up per message (issue #14). Queued: a bounded queue served
/// by a few consumer tasks; a full queue drops (the caller counts).
/// Either way a message's handling runs up to its first await and the next message is taken at once; the rest finishes
/// wherever what it awaits completes. (A consumer that awaited each handling whole let any wait on the way - a send, a
/// lookup, a busy thread pool - stop the intake: the queue filled and messages were dropped with cores idle.) At most
/// the queue's capacity of messages are in handling at once; beyond it the consumers wait (and the queue fills), or,
/// inline, messages are dropped and counted as with a full queue.
/// </summary>
internal sealed class SipDispatcher : IDisposable
{
    private readonly ISipMessageHandler _handler;
    private readonly Channel<SipInboundMessage> _queue;
    private readonly int _concurrency;
    private readonly SipTransportMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly bool _inline;
    private readonly int _capacity;
    private readonly SemaphoreSlim _slots;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _consumers = Task.CompletedTask;
    private Task? _drain;
    private int _inFlight;
    private int _closed; // 1 once closed: set with a full fence, so Done and DrainAsync cannot both miss the last handling

    public SipDispatcher(ISipMessageHandler handler, int capacity, int concurrency, SipTransportMetrics metrics, TimeProvider time, ILogger logger,
        bool inline = false)
    {
        _handler = handler;
        _inline = inline;
        _capacity = capacity;
        _concurrency = inline ? 0 : concurrency;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(capacity, capacity);
        _queue = Channel.CreateBounded<SipInboundMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = concurrency == 1,
            SingleWriter = false,
        });
    }

    /// <summary>Starts the consumers.</summary>
    public void Start()
    {
        var consumers = new Task[_concurrency];
        for (var i = 0; i < consumers.Length; i++)
        {
            consumers[i] = ConsumeAsync(_abort.Token);
        }

        _consumers = Task.WhenAll(consumers);
    }

    /// <summary>Queues a message (or, inline, starts handling it); false when the queue is full or closed (the message is dropped).</summary>
    public bool TryEnqueue(SipInboundMessage message) => _inline ? TryHandleInline(message) : _queue.Writer.TryWrite(message);

    /// <summary>Closes the queue, lets the handler finish what is queued within <paramref name="timeout"/>, then cancels it.</summary>
    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        var drain = _drain ??= DrainAsync();
        try
        {
            await drain.WaitAsync(timeout, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _logger.DispatchStopTimedOut(timeout);
            await _abort.CancelAsync();
            await drain.WaitAsync(TimeSpan.FromSeconds(1), _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // The consumers end once the queue is empty (inline there are none); then what is still in handling is awaited.
    private async Task DrainAsync()
    {
        await _consumers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Interlocked.Exchange(ref _closed, 1);
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }

        await _drained.Task.ConfigureAwait(false);
    }

    private bool TryHandleInline(SipInboundMessage message)
    {
        // Counted before the closed check, so that StopAsync either sees this message in flight or this sees it closed.
        if (Interlocked.Increment(ref _inFlight) > _capacity || Volatile.Read(ref _closed) == 1)
        {
            Done();
            return false;
        }

        Handle(message);
        return true;
    }

    // Runs the handler up to its first await; the rest is tracked by the in-flight count (and its slot, queued).
    private void Handle(SipInboundMessage message)
    {
        ValueTask handling;
        try
        {
            handling = _handler.HandleAsync(message, _abort.Token);
            if (handling.IsCompleted)
            {
                handling.GetAwaiter().GetResult();
                Done();
                return;
            }
        }
#pragma warning disable CA1031 // A handler failure is logged and counted; it must never stop a receive loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(ex, message);
            Done();
            return;
        }

        _ = FinishAsync(handling, message);
    }

    /// <summary>The rest of a message's handling after its first await (tracked by the in-flight count, awaited by StopAsync).</summary>
    private async Task FinishAsync(ValueTask handling, SipInboundMessage message)
    {
        try
        {
            await handling.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A handler failure is logged and counted; it must never stop dispatching.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(ex, message);
        }
        finally
        {
            Done();
        }
    }

    private void Done()
    {
        if (!_inline)
        {
            _slots.Release();
        }

        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _closed) == 1)
        {
            _drained.TrySetResult();
        }
    }

    private void Failed(Exception ex, SipInboundMessage message)
    {
        if (ex is OperationCanceledException && _abort.IsCancellationRequested)
        {
            return; // aborted at stop
        }

        _metrics.HandlerFailed();
        _logger.HandlerFailed(ex, message.Message.ToString() ?? string.Empty, message.Message.CallId, message.Source);
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _inFlight);
                Handle(message);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // aborted at stop
        }
    }

    /// <inheritdoc/>
    /// <remarks>The slots' semaphore is not disposed: a handling still running after a timed-out stop releases its slot
    /// when it ends (a semaphore never asked for its wait handle holds nothing to free).</remarks>
    public void Dispose() => _abort.Dispose();
}
