namespace ContactCenter.Host.Calls.Lanes;

/// <summary>
/// A consumer of the engine's call events that reads the spool at its own pace, with its own cursor: the bus, or on one
/// machine the CRM itself. One lane's outage (the database for the CRM's) never holds back another's events.
/// </summary>
public interface ICallEventLane
{
    /// <summary>The lane's name: its cursor's, in logs, metrics and health.</summary>
    string Name { get; }

    /// <summary>True for the contracts this lane takes; the spool's records of other types are passed over unread.</summary>
    bool Wants(Type type);

    /// <summary>
    /// True when a larger batch costs the consumer less per event (the CRM's call log writes one transaction per batch):
    /// deliveries to such a lane are at least <see cref="Spool.CallEventSpoolOptions.DeliveryWindow"/> apart. False
    /// (the bus, which publishes event by event): each is delivered as soon as it is durable.
    /// </summary>
    bool GainsFromBatches { get; }

    /// <summary>
    /// Delivers <paramref name="events"/> (in the order they were produced); returns once the consumer has them for good.
    /// Throws when they could not all be delivered: the same events come again after a back-off (consumers are idempotent).
    /// </summary>
    Task DeliverAsync(IReadOnlyList<SpooledEvent> events, CancellationToken cancellationToken);
}
