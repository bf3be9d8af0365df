using ContactCenter.CallEngine.Events;
using ContactCenter.TestKit.Sessions;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>The engine's call events as a test sees them; it can be made to fail like a bus that is down.</summary>
internal sealed class RecordingCallEvents : ICallEventPublisher
{
    private readonly Lock _gate = new();
    private readonly List<object> _events = [];

    /// <summary>Which events throw when published (a bus error); they are not recorded.</summary>
    public Func<object, bool> Fails { get; set; } = _ => false;

    public IReadOnlyList<object> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Publish<T>(T message)
        where T : class
    {
        if (Fails(message))
        {
            throw new InvalidOperationException("bus down");
        }

        lock (_gate)
        {
            _events.Add(message);
        }
    }

    public IReadOnlyList<T> Of<T>() => [.. All.OfType<T>()];

    /// <summary>Waits (bounded, real time) for the <paramref name="index"/>th event of type <typeparamref name="T"/>.</summary>
    public T WaitFor<T>(int index = 0)
        where T : class => FakeLeg.WaitUntil(() => Of<T>().Skip(index).FirstOrDefault(), typeof(T).Name + $" (had: {string.Join(", ", All.Select(e => e.GetType().Name))})");
}
