namespace ContactCenter.CallEngine.Events;

/// <summary>
/// Where the engine's call events go (the host puts them on the bus). Publishing never blocks a call and
/// never fails it: the implementation queues and retries, so an outage delays events and does not lose them.
/// </summary>
public interface ICallEventPublisher
{
    /// <summary>Queues <paramref name="message"/>, a record from ContactCenter.Contracts.</summary>
    void Publish<T>(T message)
        where T : class;
}
