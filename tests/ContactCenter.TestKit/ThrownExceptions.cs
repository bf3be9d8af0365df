using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ContactCenter.TestKit;

/// <summary>
/// Records every exception thrown (first chance, caught or not) by code that runs in the execution context of the test
/// that created it: what the test starts afterwards (tasks, loops, timers, socket completions) inherits it, the tests
/// running beside it do not. For paths that must not throw in normal operation (issue #14: exceptions thrown and caught
/// on every call cost CPU at a thousand calls a second). Create it before the objects under test; dispose it to stop.
/// </summary>
public sealed class ThrownExceptions : IDisposable
{
    private readonly AsyncLocal<object?> _scope = new();
    private readonly object _marker = new();
    private readonly ConcurrentQueue<Exception> _thrown = new();
    private volatile bool _recording = true;

    /// <summary>Marks the calling flow (and what it starts from now on) and starts recording.</summary>
    public ThrownExceptions()
    {
        _scope.Value = _marker;
        AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
    }

    /// <summary>What was recorded so far, in order.</summary>
    public IReadOnlyList<Exception> Thrown => [.. _thrown];

    /// <summary>The recorded exceptions as "type at method" for an assertion message.</summary>
    public string Describe() => string.Join("; ", _thrown.Select(e => $"{e.GetType().Name} at {e.TargetSite}"));

    /// <summary>Forgets what was recorded (e.g. during a test's set-up).</summary>
    public void Clear() => _thrown.Clear();

    /// <summary>Stops recording.</summary>
    public void Dispose()
    {
        _recording = false;
        AppDomain.CurrentDomain.FirstChanceException -= OnFirstChance;
    }

    private void OnFirstChance(object? sender, FirstChanceExceptionEventArgs e)
    {
        if (_recording && ReferenceEquals(_scope.Value, _marker))
        {
            _thrown.Enqueue(e.Exception);
        }
    }
}
