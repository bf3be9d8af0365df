using System.Collections.Concurrent;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The maximum-duration guard of every live call (<c>Sip:Calls:MaxDuration</c>): one timer on the engine's clock sweeps
/// the table of live calls, instead of a timer per call (issue #14: a timer per call cost a timer-queue entry and its
/// lock twice per call, to guard against a BYE lost hours later). A call is ended at most one sweep interval late:
/// 1/60 of the maximum duration, from 1 s to 1 min (4 h 1 min at the 4-hour default).
/// </summary>
internal sealed class CallGuardSweep : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Call> _calls;
    private readonly CallServices _services;
    private readonly ITimer _timer;

    public CallGuardSweep(ConcurrentDictionary<Guid, Call> calls, CallServices services)
    {
        _calls = calls;
        _services = services;
        _timer = services.Time.CreateTimer(static s => ((CallGuardSweep)s!).Sweep(), this, Interval(services.Calls.MaxDuration), Timeout.InfiniteTimeSpan);
    }

    /// <summary>How often the live calls are checked for a maximum duration of <paramref name="maxDuration"/>.</summary>
    public static TimeSpan Interval(TimeSpan maxDuration) =>
        TimeSpan.FromTicks(Math.Clamp(maxDuration.Ticks / 60, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    public void Dispose() => _timer.Dispose();

    private void Sweep()
    {
        var maxDuration = _services.Calls.MaxDuration;
        var now = _services.Time.GetTimestamp();

        // Enumerating the dictionary itself takes no lock and copies nothing (its Values property would copy).
        foreach (var (_, call) in _calls)
        {
            call.CheckGuard(now, maxDuration);
        }

        _timer.Change(Interval(maxDuration), Timeout.InfiniteTimeSpan);
    }
}
