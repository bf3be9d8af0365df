using ContactCenter.CallEngine.Agents;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.CallEngine.Tests;

public sealed class AgentActivityTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryReserve_AtLimit_Refused()
    {
        var activity = new AgentActivity(_time);

        Assert.True(activity.TryReserve("1001", limit: 1));
        Assert.False(activity.TryReserve("1001", limit: 1));
        Assert.Equal(1, activity.GetCallCount("1001"));
    }

    [Fact]
    public void Release_OfferNotAnswered_FreesSlotWithoutIdleTime()
    {
        var activity = new AgentActivity(_time);
        activity.TryReserve("1001", limit: 1);

        activity.Release("1001", talked: false);

        Assert.Equal(0, activity.GetCallCount("1001"));
        Assert.Null(activity.GetLastCallEnded("1001"));
        Assert.True(activity.TryReserve("1001", limit: 1));
    }

    [Fact]
    public void Release_AfterTalking_RecordsWhenTheCallEnded()
    {
        var activity = new AgentActivity(_time);
        activity.TryReserve("1001", limit: 1);
        _time.Advance(TimeSpan.FromMinutes(3));

        activity.Release("1001", talked: true);

        Assert.Equal(_time.GetUtcNow(), activity.GetLastCallEnded("1001"));
    }

    [Fact]
    public void Release_MoreThanReserved_NeverGoesNegative()
    {
        var activity = new AgentActivity(_time);
        activity.TryReserve("1001", limit: 1);

        activity.Release("1001", talked: false);
        activity.Release("1001", talked: false);

        Assert.Equal(0, activity.GetCallCount("1001"));
        Assert.True(activity.TryReserve("1001", limit: 1));
        Assert.False(activity.TryReserve("1001", limit: 1));
    }

    [Fact]
    public void OfferLifecycle_RingingThenTalking_EachStepReported()
    {
        var activity = new AgentActivity(_time);
        var changes = new List<AgentActivityChange>();
        activity.Changed += changes.Add;

        activity.TryReserve("1001", limit: 1);
        Assert.Equal((1, 0), activity.GetCalls("1001"));
        activity.Answered("1001");
        Assert.Equal((0, 1), activity.GetCalls("1001"));
        activity.Release("1001", talked: true);

        Assert.Equal((0, 0), activity.GetCalls("1001"));
        Assert.Equal([AgentActivityKind.Reserved, AgentActivityKind.Answered, AgentActivityKind.CallEnded], changes.Select(c => c.Kind));
    }

    [Fact]
    public void Release_OfferMissed_ReportsWhy()
    {
        var activity = new AgentActivity(_time);
        AgentActivityChange? last = null;
        activity.Changed += c => last = c;
        activity.TryReserve("1001", limit: 1);

        activity.Release("1001", talked: false, "no answer");

        Assert.Equal(new AgentActivityChange("1001", AgentActivityKind.Released, "no answer"), last);
        Assert.Null(activity.GetLastCallEnded("1001"));
    }
}
