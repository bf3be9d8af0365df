using ContactCenter.CallEngine.Events;

namespace ContactCenter.Benchmarks.Acd;

/// <summary>Drops events.</summary>
internal sealed class NullEventPublisher : ICallEventPublisher
{
    public void Publish<T>(T message)
        where T : class
    {
    }
}
