using Microsoft.Extensions.Logging;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The one writer of a call's <see cref="CallState"/>: a serialised work queue. Leg events, commands and the steps of
/// the call's own flows (routing, queue, transfer, hold, announcements, the end) are posted here and run one at a time,
/// in order, each to completion; only they touch the state. No thread of its own and no lock: whoever posts to an idle
/// loop runs it (and whatever is posted meanwhile) on the spot, so an uncontended call costs no thread hop. Steps are
/// short and synchronous; signalling and media I/O happen in the flows between them.
/// </summary>
internal sealed class CallLoop
{
    private readonly Guid _callId;
    private readonly ILogger _logger;
    private readonly Action? _afterStep;

    // A multi-producer, single-consumer linked queue (Vyukov's): posters swap the tail, the one runner walks from the head.
    private Node _head;
    private Node _tail;
    private int _pending;
    private int _runner;

    /// <summary>A loop for call <paramref name="callId"/>: <paramref name="afterStep"/> runs after every step; <paramref name="check"/> turns <see cref="Checked"/> on.</summary>
    public CallLoop(Guid callId, ILogger logger, Action? afterStep = null, bool check = false)
    {
        (_callId, _logger, _afterStep, Checked) = (callId, logger, afterStep, check);
        _head = _tail = new Node(null!, null);
    }

    /// <summary>Whether the state's accessors check that they run on the loop (<see cref="AssertCurrent"/>).</summary>
    public bool Checked { get; }

    /// <summary>True on the thread that is running this loop's steps now (inside a step).</summary>
    public bool IsCurrent => Volatile.Read(ref _runner) == Environment.CurrentManagedThreadId;

    /// <summary>Runs <paramref name="run"/>(<paramref name="state"/>) on the loop after the steps already posted.</summary>
    public void Post(Action<object?> run, object? state)
    {
        var node = new Node(run, state);
        Volatile.Write(ref Interlocked.Exchange(ref _tail, node).Next, node);
        if (Interlocked.Increment(ref _pending) == 1)
        {
            Drain();
        }
    }

    /// <summary>Runs <paramref name="step"/> on the loop after the steps already posted.</summary>
    public void Post(Action step) => Post(static s => ((Action)s!)(), step);

    /// <summary>Runs <paramref name="step"/> on the loop and completes with its result (or its exception).</summary>
    public Task<T> InvokeAsync<T>(Func<T> step)
    {
        var invocation = new Invocation<T>(step);
        Post(static s => ((Invocation<T>)s!).Run(), invocation);
        return invocation.Task;
    }

    /// <summary>Runs <paramref name="step"/> on the loop and completes when it ran.</summary>
    public Task InvokeAsync(Action step) => InvokeAsync(() =>
    {
        step();
        return true;
    });

    /// <summary>Throws when called off the loop: the state's accessors use it (when <see cref="Checked"/>) so the lifecycle tests catch a stray access.</summary>
    public void AssertCurrent()
    {
        if (!IsCurrent)
        {
            throw new InvalidOperationException($"Call {_callId}: its state was touched outside the call's loop.");
        }
    }

    private void Drain()
    {
        var me = Environment.CurrentManagedThreadId;
        while (true)
        {
            Volatile.Write(ref _runner, me);
            Node? next;
            var spin = default(SpinWait);
            while ((next = Volatile.Read(ref _head.Next)) is null)
            {
                spin.SpinOnce(); // counted but not yet linked: a poster is between its two lines
            }

            _head = next; // the node run now becomes the queue's stub
            var (run, state) = (next.Run, next.State);
            (next.Run, next.State) = (null!, null);
            try
            {
                run(state);
                _afterStep?.Invoke();
            }
#pragma warning disable CA1031 // A failing step is logged; the loop and the call go on (its flows end it when they must).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.CallFailed(ex, _callId);
            }

            // Cleared before the count drops: once it is zero another thread may start running the loop.
            Volatile.Write(ref _runner, 0);
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                return;
            }
        }
    }

    private sealed class Node(Action<object?> run, object? state)
    {
        public Action<object?> Run = run;
        public object? State = state;
        public Node? Next;
    }

    private sealed class Invocation<T>(Func<T> step) : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public void Run()
        {
            try
            {
                SetResult(step());
            }
#pragma warning disable CA1031 // The exception goes to whoever awaits the step.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SetException(ex);
            }
        }
    }
}
