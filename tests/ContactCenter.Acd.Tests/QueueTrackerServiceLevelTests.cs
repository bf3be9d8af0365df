using ContactCenter.Acd.Queues;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Acd.Tests;

/// <summary>Today's service level per queue: answered within the threshold of those answered or abandoned since local midnight.</summary>
public sealed class QueueTrackerServiceLevelTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(20);
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    [Fact]
    public void GetFigures_AnsweredInTimeLateAndAbandoned_ServiceLevelOfThree()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var queues = new QueueTracker(time);
        var (quick, slow, gaveUp) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        queues.Enter(quick, "operators");
        queues.Enter(slow, "operators");
        queues.Enter(gaveUp, "operators");

        time.Advance(TimeSpan.FromSeconds(20));
        queues.Complete(quick, answered: true);
        time.Advance(TimeSpan.FromSeconds(1));
        queues.Complete(slow, answered: true);
        queues.Complete(gaveUp, answered: false);
        var today = queues.GetFigures("operators", Threshold, Moscow).Today!;

        Assert.Equal((2, 1, 1), (today.Answered, today.AnsweredInTime, today.Abandoned));
        Assert.Equal(33.3, today.ServiceLevel);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(3)), today.Since);
    }

    [Fact]
    public void GetFigures_LocalMidnightPasses_TodayStartsAgainWhileTheTotalsRemain()
    {
        // 23:50 in Moscow is 20:50 UTC: the day ends at 21:00 UTC, not at UTC midnight.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 20, 50, 0, TimeSpan.Zero));
        var queues = new QueueTracker(time);
        var call = Guid.NewGuid();
        queues.Enter(call, "operators");
        time.Advance(TimeSpan.FromSeconds(5));
        queues.Complete(call, answered: true);

        time.Advance(TimeSpan.FromMinutes(9)); // 23:59:05
        var before = queues.GetFigures("operators", Threshold, Moscow);
        time.Advance(TimeSpan.FromMinutes(1)); // 00:00:05
        var after = queues.GetFigures("operators", Threshold, Moscow);

        Assert.Equal((1, 100.0), (before.Today!.Answered, before.Today.ServiceLevel));
        Assert.Equal((0, (double?)null), (after.Today!.Answered, after.Today.ServiceLevel));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(3)), after.Today.Since);
        Assert.Equal(1, after.Answered);
    }
}
