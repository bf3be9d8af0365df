using ContactCenter.Acd.Agents;
using ContactCenter.Acd.Routing;
using ContactCenter.Contracts.Agents;
using static ContactCenter.Acd.Tests.DemoDirectory;

namespace ContactCenter.Acd.Tests;

/// <summary>Wrap-up the agent chooses (beyond the automatic one): no offers until available again, at most <c>Acd:MaxManualWrapUp</c>.</summary>
public sealed class ManualWrapUpTests
{
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Decide_ManagerChoseWrapUp_SkippedUntilTheyChooseAvailable()
    {
        using var bed = await AcdTestBed.StartAsync(configure: o => o.MaxManualWrapUp = Max);
        bed.Agents.SetChosenState("2001", AgentChosenState.WrapUp, null, null, "2001");
        bed.Time.Advance(TimeSpan.FromSeconds(30));
        var during = bed.Decide(ArbatFoods);

        bed.Agents.SetChosenState("2001", AgentChosenState.Available, null, null, "2001");
        var after = bed.Decide(ArbatFoods);

        Assert.Equal(new RoutingCandidate("assigned-manager", "2001", "wrap-up", "in wrap-up until 09:02:00", false), during.Candidates[0]);
        Assert.Equal("2002", during.WouldOffer);
        Assert.Equal("2001", after.WouldOffer);
    }

    [Fact]
    public async Task ManualWrapUp_LongerThanTheMaximum_AvailableAgainSavedAndPublished()
    {
        using var bed = await AcdTestBed.StartAsync(configure: o => o.MaxManualWrapUp = Max);
        var saved = new List<SavedAgentState>();
        bed.Agents.ChoiceMade += saved.Add;
        bed.Agents.SetChosenState("2001", AgentChosenState.WrapUp, null, null, "2001");

        AdvanceBySeconds(bed, (int)Max.TotalSeconds - 1);
        var before = bed.Agents.GetStatus("2001");
        AdvanceBySeconds(bed, 1);
        var after = bed.Agents.GetStatus("2001");

        Assert.Equal(AgentState.WrapUp, before.State);
        Assert.Equal(AgentState.Available, after.State);
        Assert.Equal(AgentChosenState.Available, after.Chosen);
        Assert.Equal([AgentChosenState.WrapUp, AgentChosenState.Available], saved.Select(s => s.State));
        Assert.Equal("acd", saved[^1].SetBy);
        Assert.Equal(["wrap-up", "available"], bed.Events.Published.OfType<AgentStateChanged>().Where(e => e.AgentExtension == "2001").Select(e => e.State).TakeLast(2));
        Assert.Equal("2001", bed.Decide(ArbatFoods).WouldOffer);
    }

    [Fact]
    public async Task ManualWrapUp_ChosenRightAfterACall_EndsAtTheLaterOfTheTwo()
    {
        using var bed = await AcdTestBed.StartAsync(configure: o => o.MaxManualWrapUp = TimeSpan.FromSeconds(10));
        bed.Talk("2001");

        var status = bed.Agents.SetChosenState("2001", AgentChosenState.WrapUp, null, null, "2001");

        Assert.Equal(AgentState.WrapUp, status.State);
        Assert.Equal("until 09:00:30", status.Reason); // the automatic 30 s outlast the 10 s maximum
    }

    /// <summary>Moves the clock a second at a time, so the board's one-second tick runs as it would.</summary>
    private static void AdvanceBySeconds(AcdTestBed bed, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            bed.Time.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
