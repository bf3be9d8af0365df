using System.Threading.Channels;
using ContactCenter.CallEngine.Events;
using MassTransit;

namespace ContactCenter.Host.Calls;

/// <summary>
/// Puts the engine's call events on the bus from a background loop, in the order they were raised, so a call
/// never waits for the bus. A publish that fails (broker outage) is retried with back-off until it goes through:
/// events are delayed, not lost, while the process lives.
/// </summary>
public sealed partial class BusCallEventPublisher(IBus bus, TimeProvider time, ILogger<BusCallEventPublisher> logger) : BackgroundService, ICallEventPublisher
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    /// <inheritdoc />
    public void Publish<T>(T message)
        where T : class =>
        _queue.Writer.TryWrite(message);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            var backoff = TimeSpan.FromMilliseconds(100);
            while (true)
            {
                try
                {
                    await bus.Publish(message, message.GetType(), stoppingToken).ConfigureAwait(false);
                    break;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // Any bus failure is retried: a call event must not be dropped.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogPublishFailed(logger, ex, message.GetType().Name, backoff);
                    await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Let the engine's last events (calls ended at shutdown) reach the bus before it stops.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {MessageType} failed; retrying in {Backoff}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string messageType, TimeSpan backoff);
}
