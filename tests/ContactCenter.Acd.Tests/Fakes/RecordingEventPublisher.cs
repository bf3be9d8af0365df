using System.Collections.Concurrent;
using ContactCenter.CallEngine.Events;

namespace ContactCenter.Acd.Tests.Fakes;

/// <summary>Keeps what the ACD publishes.</summary>
internal sealed class RecordingEventPublisher : ICallEventPublisher
{
    public ConcurrentQueue<object> Published { get; } = new();

    public void Publish<T>(T message)
        where T : class => Published.Enqueue(message);
}
