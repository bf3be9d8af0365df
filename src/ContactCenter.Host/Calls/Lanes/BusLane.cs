using MassTransit;

namespace ContactCenter.Host.Calls.Lanes;

/// <summary>
/// The engine's events onto the message bus, in order, each with the id it was spooled with (the consumers' idempotency
/// key). With RabbitMQ it takes every event; on one machine only those nothing in the process takes directly.
/// </summary>
public sealed class BusLane(IBus bus, Func<Type, bool> wants) : ICallEventLane
{
    /// <inheritdoc />
    public string Name => Spool.CallEventSpool.BusCursor;

    /// <inheritdoc />
    public bool Wants(Type type) => wants(type);

    /// <inheritdoc />
    public bool GainsFromBatches => false;

    /// <inheritdoc />
    public async Task DeliverAsync(IReadOnlyList<SpooledEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            await bus.Publish(e.Message, e.Message.GetType(), context => context.MessageId = e.MessageId, cancellationToken).ConfigureAwait(false);
        }
    }
}
