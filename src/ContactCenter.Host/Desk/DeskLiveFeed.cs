using System.Threading.Channels;
using ContactCenter.Host.Calls.Lanes;

namespace ContactCenter.Host.Desk;

/// <summary>
/// On one machine, the engine's events reach the desks by reference as they are produced (issue #14: the in-memory bus
/// serialized each one and read it back for the desks' queue): a bounded queue and one loop, so a call's events keep their
/// order and the engine never waits for a browser. Under an overload the queue could not drain, the newest events are
/// dropped (counted in the log); a desk reloads its state from the API when it reconnects. The forwarder is taken from the
/// container when the loop starts: it needs the call manager, whose publisher needs this feed.
/// </summary>
public sealed partial class DeskLiveFeed(IServiceProvider services, ILogger<DeskLiveFeed> logger) : BackgroundService, ILiveCallEventListener
{
    private const int Capacity = 100_000;
    private readonly Channel<object> _events = Channel.CreateBounded<object>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private long _dropped;

    /// <inheritdoc />
    public bool Wants(Type type) => DeskEventForwarder.EngineEventTypes.Contains(type);

    /// <inheritdoc />
    public void Offer(object message)
    {
        if (!_events.Writer.TryWrite(message) && Interlocked.Increment(ref _dropped) % 1_000 == 1)
        {
            LogDropped(logger, Interlocked.Read(ref _dropped));
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var forwarder = services.GetRequiredService<DeskEventForwarder>();
        await foreach (var message in _events.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await forwarder.ForwardAsync(message, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One event a desk could not be sent must not stop the desks' feed.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogForwardFailed(logger, ex, message.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The desks' live feed is full; {Dropped} events dropped so far")]
    private static partial void LogDropped(ILogger logger, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Type} could not be sent to the desks")]
    private static partial void LogForwardFailed(ILogger logger, Exception exception, string type);
}
