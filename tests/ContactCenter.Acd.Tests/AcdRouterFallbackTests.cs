using ContactCenter.Acd.Agents;
using ContactCenter.Acd.Routing;
using ContactCenter.CallEngine.Agents;
using static ContactCenter.Acd.Tests.DemoDirectory;

namespace ContactCenter.Acd.Tests;

/// <summary>Each reason a target is skipped, as recorded in the decision, and who is offered the call instead.</summary>
public sealed class AcdRouterFallbackTests
{
    [Theory]
    [InlineData("unregistered", "unregistered", "not registered")]
    [InlineData("logged-out", "logged-out", "logged out")]
    [InlineData("break", "break", "on break (lunch)")]
    [InlineData("absent", "absent", "absent (vacation)")]
    [InlineData("on-call", "on-call", "busy on another call")]
    [InlineData("ringing", "ringing", "ringing for another call")]
    [InlineData("wrap-up", "wrap-up", "in wrap-up until 09:00:30")]
    public async Task Decide_KeyClientManagerUnavailable_SkippedWithReasonOtherManagerOffered(string how, string state, string verdict)
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.MakeUnavailable("2001", how);

        var decision = bed.Decide(ArbatFoods);

        Assert.Equal("key-client", decision.Rule);
        Assert.Equal(["2002", "3001"], decision.Targets);
        Assert.Equal(new RoutingCandidate("assigned-manager", "2001", state, verdict, false), decision.Candidates[0]);
        Assert.Equal(new RoutingCandidate("key-account-managers", "2002", "available", "available, no call since start", true), decision.Candidates[1]);
    }

    [Theory]
    [InlineData("unregistered")]
    [InlineData("break")]
    [InlineData("on-call")]
    public async Task Decide_KeyClientBothManagersUnavailable_HeadOfWholesale(string how)
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.MakeUnavailable("2001", how);
        bed.MakeUnavailable("2002", how);

        var decision = bed.Decide(ArbatFoods);

        Assert.Equal(["3001"], decision.Targets);
        Assert.Equal(["assigned-manager", "key-account-managers", "department-head:wholesale"], decision.Candidates.Select(c => c.Source));
    }

    [Theory]
    [InlineData(LatePayer, "2101")]
    [InlineData(OverLimit, "2002")]
    public async Task Decide_DebtorsManagerAbsent_Finance(string caller, string manager)
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.MakeUnavailable(manager, "break");

        var decision = bed.Decide(caller);

        Assert.Equal("debt", decision.Rule);
        Assert.Equal(["4001"], decision.Targets);
        Assert.Equal(new RoutingCandidate("department:finance", "4001", "available", "available, no call since start", true), decision.Candidates[^1]);
    }

    [Fact]
    public async Task Decide_OtherMattersManagerBusy_HeadOfClientsDepartment()
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.OnCall("2101");

        var decision = bed.Decide(TverMarket, "other");

        Assert.Equal(["3002"], decision.Targets);
        Assert.Equal(new RoutingCandidate("client-department-head (sales-support)", "3002", "available", "available, no call since start", true),
            decision.Candidates[^1]);
    }

    [Theory]
    [InlineData(new[] { "2001" }, new[] { "2002", "3001" })]
    [InlineData(new[] { "2001", "2002" }, new[] { "3001" })]
    public async Task Decide_AlreadyTriedForThisCall_SkippedAsAlreadyTried(string[] tried, string[] targets)
    {
        using var bed = await AcdTestBed.StartAsync();

        var decision = bed.Decide(ArbatFoods, tried: tried);

        Assert.Equal(targets, decision.Targets);
        Assert.All(tried, t => Assert.Contains(decision.Candidates, c => c.Extension == t && c.Verdict == "already tried" && !c.Offered));
    }

    [Fact]
    public async Task Decide_ManagerAbsentWithSubstitute_SubstituteOfferedInTheirPlace()
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.Agents.SetChosenState("2001", AgentChosenState.Absent, "trip", "2101", "admin");

        var decision = bed.Decide(ArbatFoods);

        Assert.Equal(["2101", "2002", "3001"], decision.Targets);
        Assert.Equal(new RoutingCandidate("assigned-manager", "2001", "absent", "absent (trip): substitute 2101 takes the duties", false), decision.Candidates[0]);
        Assert.Equal(new RoutingCandidate("substitute for 2001", "2101", "available", "available, no call since start", true), decision.Candidates[1]);
    }

    [Fact]
    public async Task Decide_ManagerAbsentNoSubstituteGiven_CrmSubstituteOffered()
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.Agents.SetChosenState("2002", AgentChosenState.Absent, "vacation", null, "admin");

        var decision = bed.Decide(VolgaTrade);

        // The CRM records 2001 as Elena Volkova's (2002) substitute.
        Assert.Equal(["2001", "3001"], decision.Targets);
        Assert.Equal(new RoutingCandidate("substitute for 2002", "2001", "available", "available, no call since start", true), decision.Candidates[1]);
    }

    [Fact]
    public async Task Decide_SubstituteOnBreak_SkippedWithReason()
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.Agents.SetChosenState("2001", AgentChosenState.Absent, "trip", "2101", "admin");
        bed.MakeUnavailable("2101", "break");

        var decision = bed.Decide(ArbatFoods);

        Assert.Equal(["2002", "3001"], decision.Targets);
        Assert.Equal(new RoutingCandidate("substitute for 2001", "2101", "break", "on break (lunch)", false), decision.Candidates[1]);
    }

    [Fact]
    public async Task Decide_WrapUpOver_ManagerOfferedAgain()
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.Talk("2001");
        bed.Time.Advance(AcdTestBed.WrapUp - TimeSpan.FromSeconds(1));
        var during = bed.Decide(ArbatFoods);

        bed.Time.Advance(TimeSpan.FromSeconds(1));
        var after = bed.Decide(ArbatFoods);

        Assert.Equal(["2002", "3001"], during.Targets);
        Assert.Equal(["2001", "2002", "3001"], after.Targets);
        Assert.Equal(new RoutingCandidate("assigned-manager", "2001", "available", "available, idle since 09:00:00", true), after.Candidates[0]);
    }

    [Fact]
    public async Task Decide_NoWrapUpConfigured_OfferedRightAfterTheCall()
    {
        using var bed = await AcdTestBed.StartAsync(configure: o => o.WrapUp = TimeSpan.Zero);
        bed.Talk("2001");

        var decision = bed.Decide(ArbatFoods);

        Assert.Equal("2001", decision.WouldOffer);
    }

    [Theory]
    // MaxMissedOffers is 3: the third missed offer in a row puts the agent on a break.
    [InlineData("no answer,no answer", true)]
    [InlineData("no answer,no answer,no answer", false)]
    [InlineData("no answer,declined,no answer", false)]
    [InlineData("declined,declined,declined", false)]
    // Busy is not a missed offer; an answered call starts the count again.
    [InlineData("no answer,no answer,busy", true)]
    [InlineData("no answer,no answer,answered,no answer,no answer", true)]
    // A phone that hangs up as it answers missed the offer.
    [InlineData("hung up as it answered,hung up as it answered,hung up as it answered", false)]
    [InlineData("no answer,hung up as it answered,no answer", false)]
    public async Task Decide_MissedOffersInARow_AutomaticBreakAfterTheLimit(string offers, bool offered)
    {
        using var bed = await AcdTestBed.StartAsync();
        foreach (var offer in offers.Split(','))
        {
            if (offer == "answered")
            {
                bed.Talk("2001");
            }
            else if (offer == AgentActivity.HungUpAsItAnswered)
            {
                bed.AnswerAndLose("2001");
            }
            else
            {
                bed.Miss("2001", offer);
            }
        }

        bed.Time.Advance(AcdTestBed.WrapUp);

        var decision = bed.Decide(ArbatFoods);

        Assert.Equal(offered, decision.Targets.Contains("2001"));
        if (!offered)
        {
            Assert.Equal(new RoutingCandidate("assigned-manager", "2001", "break", "on break (missed calls)", false), decision.Candidates[0]);
        }
    }

    [Fact]
    public async Task AgentStatus_PhoneHungUpAsItAnswered_NotCountedAsAnswered()
    {
        using var bed = await AcdTestBed.StartAsync();

        bed.AnswerAndLose("2001");
        bed.Talk("2001");
        bed.AnswerAndLose("2001");

        var status = bed.Agents.GetStatus("2001");
        Assert.Equal(1, status.AnsweredCalls);
        Assert.Equal((0, 0), (status.Ringing, status.OnCalls));
    }

    [Fact]
    public async Task Decide_AutomaticBreakEndedByAgent_OfferedAgain()
    {
        using var bed = await AcdTestBed.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            bed.Miss("2001", "no answer");
        }

        bed.Agents.SetChosenState("2001", AgentChosenState.Available, null, null, "2001");

        var decision = bed.Decide(ArbatFoods);

        Assert.Equal("2001", decision.WouldOffer);
    }

    [Fact]
    public async Task Decide_AutomaticBreak_PublishedAsAgentStateChange()
    {
        using var bed = await AcdTestBed.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            bed.Miss("2001", "no answer");
        }

        var last = bed.Events.Published.OfType<Contracts.Agents.AgentStateChanged>().Last(e => e.AgentExtension == "2001");
        Assert.Equal(("break", AgentStateBoard.MissedCallsReason), (last.State, last.Reason));
    }

    [Theory]
    [InlineData(ArbatFoods, "key-client", new[] { "2001", "2002", "3001" })]
    [InlineData(Unknown, "new-caller", new[] { "3001" })]
    [InlineData(LatePayer, "debt", new[] { "2101", "4001" })]
    public async Task Decide_WholeChainUnavailable_LastResortOperatorQueue(string caller, string rule, string[] chain)
    {
        using var bed = await AcdTestBed.StartAsync();
        foreach (var extension in chain)
        {
            bed.MakeUnavailable(extension, "on-call");
        }

        var decision = bed.Decide(caller);

        Assert.Equal(rule, decision.Rule);
        Assert.Equal(["1001", "1002", "1003"], decision.Targets);
        Assert.Contains(new RoutingCandidate("last-resort", null, null, "nobody in the chain can take the call: queue:operators", false), decision.Candidates);
        Assert.All(decision.Candidates.Where(c => c.Offered), c => Assert.Equal("last-resort queue:operators", c.Source));
    }

    [Fact]
    public async Task Decide_DirectoryNeverLoaded_FallbackToOperatorQueueWithNote()
    {
        using var bed = await AcdTestBed.StartAsync(loadDirectory: false);

        var decision = bed.Decide(ArbatFoods);

        Assert.Null(bed.Directory.Current);
        Assert.Equal(AcdRouter.FallbackRule, decision.Rule);
        Assert.Equal("client data unavailable (CRM not reachable yet)", decision.Note);
        Assert.Null(decision.Client);
        Assert.Equal(["1001", "1002", "1003"], decision.Targets);
    }

    [Fact]
    public async Task Decide_DirectoryRefreshFailsLater_KeepsRoutingWithTheLastGoodCopy()
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.Source.Directory = null;

        var refreshed = await bed.Directory.RefreshAsync(CancellationToken.None);
        var decision = bed.Decide(ArbatFoods);

        Assert.False(refreshed);
        Assert.Equal("CRM database unavailable", bed.Directory.LastError);
        Assert.Equal("key-client", decision.Rule);
        Assert.Equal("2001", decision.WouldOffer);
    }
}
