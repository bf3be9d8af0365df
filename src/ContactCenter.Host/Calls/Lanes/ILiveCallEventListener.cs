namespace ContactCenter.Host.Calls.Lanes;

/// <summary>
/// Takes the engine's events as they are produced, by reference, before they are durable: for what is only live (the
/// desks' screens), never for records. <see cref="Offer"/> runs on the engine's threads and must not block.
/// </summary>
public interface ILiveCallEventListener
{
    /// <summary>True for the contracts this listener takes.</summary>
    bool Wants(Type type);

    /// <summary>Hands over one event; returns at once.</summary>
    void Offer(object message);
}
