using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// Hands parsed messages to the <see cref="ISipMessageHandler"/> from a bounded queue served by a few
/// consumer tasks, so a slow handler never blocks a receive loop. A full queue drops (the caller counts).
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
    private Task _consumers = Task.CompletedTask;

    public SipDispatcher(ISipMessageHandler handler, int capacity, int concurrency, SipTransportMetrics metrics, TimeProvider time, ILogger logger)
    {
        _handler = handler;
        _concurrency = concurrency;
        _metrics = metrics;
        _time = time;
        _logger = logger;
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

    /// <summary>Queues a message; false when the queue is full or closed (the message is dropped).</summary>
    public bool TryEnqueue(SipInboundMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>Closes the queue, lets the handler finish what is queued within <paramref name="timeout"/>, then cancels it.</summary>
    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _consumers.WaitAsync(timeout, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _logger.DispatchStopTimedOut(timeout);
            await _abort.CancelAsync();
            await _consumers.WaitAsync(TimeSpan.FromSeconds(1), _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await _handler.HandleAsync(message, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // A handler failure is logged and counted; it must never stop dispatching.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _metrics.HandlerFailed();
                    _logger.HandlerFailed(ex, message.Message.ToString() ?? string.Empty, message.Message.CallId, message.Source);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // aborted at stop
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _abort.Dispose();
}
