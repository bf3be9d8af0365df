using ContactCenter.Sip.Transactions.Timing;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.Transactions.Tests.Timing;

public sealed class SipTimerWheelTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<(string Name, double At)> _fired = [];

    [Theory]
    [InlineData(500)]
    [InlineData(4_000)]
    [InlineData(32_000)]
    [InlineData(90_000)]
    public void CreateTimer_OneShot_FiresOnceAtItsDueTime(int dueMs)
    {
        using var wheel = Wheel();
        using var timer = Start1(wheel, "a", TimeSpan.FromMilliseconds(dueMs));

        _time.AdvanceInSteps(TimeSpan.FromMilliseconds(dueMs) - Step, Step);
        var before = _fired.Count;
        _time.AdvanceInSteps(TimeSpan.FromSeconds(100), Step);

        Assert.Equal(0, before);
        Assert.Equal([("a", dueMs / 1000.0)], _fired);
    }

    [Fact]
    public void CreateTimer_DueBetweenSlots_FiresAtTheNextSlotNeverBefore()
    {
        using var wheel = Wheel();
        using var timer = Start1(wheel, "a", TimeSpan.FromMilliseconds(503));

        _time.AdvanceInSteps(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1));

        Assert.Equal([("a", 0.510)], _fired);
    }

    [Fact]
    public void CreateTimer_LaterTimerFirst_EarlierOneStillFiresFirst()
    {
        using var wheel = Wheel();
        using var late = Start1(wheel, "late", TimeSpan.FromSeconds(32));
        using var early = Start1(wheel, "early", TimeSpan.FromMilliseconds(200));

        _time.AdvanceInSteps(TimeSpan.FromSeconds(40), Step);

        Assert.Equal([("early", 0.2), ("late", 32.0)], _fired);
    }

    [Fact]
    public void Change_FromCallback_RearmsLikeTimerA()
    {
        using var wheel = Wheel();
        var interval = TimeSpan.FromMilliseconds(500);
        ITimer? timer = null;
        timer = wheel.CreateTimer(_ =>
        {
            Record("A");
            interval *= 2;
            timer!.Change(interval, Timeout.InfiniteTimeSpan);
        }, null, interval, Timeout.InfiniteTimeSpan);
        using var timerB = Start1(wheel, "B", TimeSpan.FromSeconds(32));

        _time.AdvanceInSteps(TimeSpan.FromSeconds(32), TimeSpan.FromMilliseconds(50));
        timer.Dispose();

        Assert.Equal([0.5, 1.5, 3.5, 7.5, 15.5, 31.5], _fired.Where(f => f.Name == "A").Select(f => f.At));
        Assert.Equal(32.0, Assert.Single(_fired, f => f.Name == "B").At);
    }

    [Fact]
    public void Dispose_BeforeDue_NeverFires()
    {
        using var wheel = Wheel();
        var timer = Start1(wheel, "a", TimeSpan.FromSeconds(1));
        using var other = Start1(wheel, "b", TimeSpan.FromSeconds(2));

        timer.Dispose();
        _time.AdvanceInSteps(TimeSpan.FromSeconds(3), Step);

        Assert.Equal([("b", 2.0)], _fired);
        Assert.Equal(0, wheel.PendingCount);
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Change_ToInfinite_StopsTheTimer()
    {
        using var wheel = Wheel();
        using var timer = Start1(wheel, "a", TimeSpan.FromSeconds(1));

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _time.AdvanceInSteps(TimeSpan.FromSeconds(3), Step);

        Assert.Empty(_fired);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresEveryPeriod()
    {
        using var wheel = Wheel();
        using var timer = wheel.CreateTimer(_ => Record("p"), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        _time.AdvanceInSteps(TimeSpan.FromSeconds(4.5), Step);

        Assert.Equal([1.0, 2.0, 3.0, 4.0], _fired.Select(f => f.At));
    }

    [Fact]
    public void CreateTimer_OneJumpPastManyTurns_FiresEveryDueTimerInDueOrder()
    {
        using var wheel = Wheel();
        using var c = Start1(wheel, "c", TimeSpan.FromSeconds(20));
        using var a = Start1(wheel, "a", TimeSpan.FromSeconds(1));
        using var b = Start1(wheel, "b", TimeSpan.FromSeconds(6));

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(["a", "b", "c"], _fired.Select(f => f.Name));
    }

    [Fact]
    public void CreateTimer_CallbackThrows_OthersStillFireAndWheelGoesOn()
    {
        using var wheel = Wheel();
        using var bad = wheel.CreateTimer(_ => throw new InvalidOperationException("bug"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var good = Start1(wheel, "good", TimeSpan.FromSeconds(1));
        using var later = Start1(wheel, "later", TimeSpan.FromSeconds(2));

        _time.AdvanceInSteps(TimeSpan.FromSeconds(3), Step);

        Assert.Equal([("good", 1.0), ("later", 2.0)], _fired);
    }

    [Fact]
    public async Task CreateTimer_ManyThreads_EveryTimerFiresOnce()
    {
        using var wheel = new SipTimerWheel(TimeProvider.System, TimeSpan.FromMilliseconds(5));
        var fired = 0;
        var timers = new ITimer[4_000];

        await Parallel.ForAsync(0, timers.Length, (i, _) =>
        {
            timers[i] = wheel.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(i % 50), Timeout.InfiniteTimeSpan);
            return ValueTask.CompletedTask;
        });
        for (var wait = 0; Volatile.Read(ref fired) < timers.Length && wait < 100; wait++)
        {
            // Real time here: the safety net of a concurrency test (STYLE §12), not a timing assertion.
            await Task.Delay(50);
        }

        Assert.Equal(timers.Length, Volatile.Read(ref fired));
        Assert.Equal(0, wheel.PendingCount);
    }

    private SipTimerWheel Wheel() => new(_time, TimeSpan.FromMilliseconds(10));

    private ITimer Start1(SipTimerWheel wheel, string name, TimeSpan due) =>
        wheel.CreateTimer(_ => Record(name), null, due, Timeout.InfiniteTimeSpan);

    private void Record(string name) => _fired.Add((name, Math.Round((_time.GetUtcNow() - Start).TotalSeconds, 3)));
}
