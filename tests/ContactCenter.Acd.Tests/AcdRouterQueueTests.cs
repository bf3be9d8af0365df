using ContactCenter.Acd.Policy;
using ContactCenter.Acd.Routing;
using static ContactCenter.Acd.Tests.DemoDirectory;

namespace ContactCenter.Acd.Tests;

/// <summary>The operator queue: strategies, first come first served, maximum wait, hours, overflow and its figures.</summary>
public sealed class AcdRouterQueueTests
{
    private static readonly string[] Operators = ["1001", "1002", "1003"];

    [Theory]
    // History: 1002 took two calls (the last ended 09:01), 1001 one (ended 09:02), 1003 none; penalties 1001:2, 1002:0, 1003:1.
    [InlineData(QueueStrategies.LongestIdle, new[] { "1003", "1002", "1001" })]
    [InlineData(QueueStrategies.FewestCalls, new[] { "1003", "1001", "1002" })]
    [InlineData(QueueStrategies.Skills, new[] { "1002", "1003", "1001" })]
    [InlineData(QueueStrategies.RoundRobin, new[] { "1001", "1002", "1003" })]
    public async Task Decide_QueueStrategy_OrdersFreeOperators(string strategy, string[] order)
    {
        using var bed = await AcdTestBed.StartAsync();
        await bed.UsePolicyAsync(TestPolicies.WithOperatorQueue(q => q with
        {
            Strategy = strategy,
            Members = [new QueueMember("1001", 2), new QueueMember("1002", 0), new QueueMember("1003", 1)],
        }));
        bed.Talk("1002");
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        bed.Talk("1002");
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        bed.Talk("1001");
        bed.Time.Advance(TimeSpan.FromMinutes(1));

        var decision = bed.Decide(CornerShop);

        Assert.Equal("operator-queue", decision.Rule);
        Assert.Equal(order, decision.Targets);
    }

    [Fact]
    public async Task Decide_RoundRobin_EachCallStartsWithTheNextMember()
    {
        using var bed = await AcdTestBed.StartAsync();
        await bed.UsePolicyAsync(TestPolicies.WithOperatorQueue(q => q with { Strategy = QueueStrategies.RoundRobin }));

        var first = bed.Decide(CornerShop);
        var explained = bed.Router.Explain(CornerShop, "7000", null);
        var second = bed.Decide(CornerShop);
        var third = bed.Decide(CornerShop);
        var fourth = bed.Decide(CornerShop);

        Assert.Equal(["1001", "1002", "1003"], first.Targets);
        // Explaining does not take a turn.
        Assert.Equal(["1002", "1003", "1001"], explained.Targets);
        Assert.Equal(["1002", "1003", "1001"], second.Targets);
        Assert.Equal(["1003", "1001", "1002"], third.Targets);
        Assert.Equal(["1001", "1002", "1003"], fourth.Targets);
    }

    [Fact]
    public async Task Decide_QueueOperatorAlreadyTried_OfferedLast()
    {
        using var bed = await AcdTestBed.StartAsync();

        var decision = bed.Decide(CornerShop, tried: ["1001"]);

        Assert.Equal(["1002", "1003", "1001"], decision.Targets);
    }

    [Theory]
    [InlineData("unregistered", "unregistered", "not registered")]
    [InlineData("break", "break", "on break (lunch)")]
    [InlineData("on-call", "on-call", "busy on another call")]
    [InlineData("wrap-up", "wrap-up", "in wrap-up until 09:00:30")]
    public async Task Decide_OperatorUnavailable_SkippedWithReason(string how, string state, string verdict)
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.MakeUnavailable("1002", how);

        var decision = bed.Decide(CornerShop);

        Assert.Equal(["1001", "1003"], decision.Targets);
        Assert.Contains(new RoutingCandidate("queue:operators", "1002", state, verdict, false), decision.Candidates);
    }

    [Fact]
    public async Task Decide_AllOperatorsBusy_CallWaitsAtPositionOne()
    {
        using var bed = await AcdTestBed.StartAsync();
        AllBusy(bed);

        var decision = bed.Decide(CornerShop);

        Assert.Empty(decision.Targets);
        Assert.Equal(new QueueWaitView("operators", 1, null, "queue-position"), View(decision));
        Assert.Equal(1, bed.Queues.GetFigures("operators").Waiting);
    }

    [Fact]
    public async Task Decide_OneOperatorFreeWhileAnEarlierCallWaits_SecondCallWaitsAtPositionTwo()
    {
        using var bed = await AcdTestBed.StartAsync();
        AllBusy(bed);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var firstWaits = bed.Decide(CornerShop, callId: first);
        bed.Activity.Release("1001", talked: true);
        bed.Time.Advance(AcdTestBed.WrapUp);

        var secondWaits = bed.Decide(TverMarket, callId: second);

        Assert.Equal(1, firstWaits.Queue?.Position);
        Assert.Empty(secondWaits.Targets);
        Assert.Equal(2, secondWaits.Queue?.Position);
        Assert.Contains(new RoutingCandidate("queue:operators", "1001", "available", "kept for a call ahead in the queue", false), secondWaits.Candidates);
    }

    [Fact]
    public async Task Decide_NoCallLimit_ANewCallDoesNotWaitBehindOneThatWaitedForWrapUp()
    {
        // Load tests run one agent with no call limit: capacity is unbounded, so FIFO must never hold a call back.
        using var bed = await AcdTestBed.StartAsync(registerAll: false, agentCallLimit: 0);
        bed.Register("1001");
        bed.Talk("1001");                                            // 1001 in wrap-up: staffed, not offerable
        var waiting = bed.Decide(CornerShop);
        bed.Time.Advance(AcdTestBed.WrapUp);

        var next = bed.Decide(TverMarket);

        Assert.Equal(1, waiting.Queue?.Position);
        Assert.Equal(["1001"], next.Targets);
    }

    [Fact]
    public async Task Decide_CallLimitTwo_AgentOnOneCallIsStillOffered()
    {
        using var bed = await AcdTestBed.StartAsync(registerAll: false, agentCallLimit: 2);
        bed.Register("1001");
        Assert.True(bed.Activity.TryReserve("1001", limit: 2, talking: true));

        var decision = bed.Decide(CornerShop);

        Assert.Equal(["1001"], decision.Targets);
    }

    [Fact]
    public async Task Decide_FirstCallTakesTheFreeOperator_SecondMovesUpToPositionOne()
    {
        using var bed = await AcdTestBed.StartAsync();
        AllBusy(bed);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        bed.Decide(CornerShop, callId: first);
        bed.Activity.Release("1001", talked: true);
        bed.Time.Advance(AcdTestBed.WrapUp);
        bed.Decide(TverMarket, callId: second);

        var firstServed = bed.Decide(CornerShop, callId: first);
        bed.Ringing("1001");
        var secondAgain = bed.Decide(TverMarket, callId: second);

        Assert.Equal(["1001"], firstServed.Targets);
        Assert.Null(firstServed.Queue);
        Assert.Empty(secondAgain.Targets);
        Assert.Equal(1, secondAgain.Queue?.Position);
    }

    [Fact]
    public async Task Decide_TwoOperatorsFreeOneCallWaiting_NewCallGetsTheOtherOperator()
    {
        using var bed = await AcdTestBed.StartAsync();
        AllBusy(bed);
        bed.Decide(CornerShop, callId: Guid.NewGuid());
        bed.Activity.Release("1002", talked: true);
        bed.Time.Advance(TimeSpan.FromSeconds(10));
        bed.Activity.Release("1001", talked: true);
        bed.Time.Advance(AcdTestBed.WrapUp);

        var decision = bed.Decide(TverMarket);

        // 1002 is idle longest and kept for the call ahead; 1001 serves the new call.
        Assert.Equal(["1001"], decision.Targets);
        Assert.Contains(new RoutingCandidate("queue:operators", "1002", "available", "kept for a call ahead in the queue", false), decision.Candidates);
    }

    [Fact]
    public async Task Decide_WaitedTheMaximum_OverflowsToHeadOfSalesSupport()
    {
        using var bed = await AcdTestBed.StartAsync();
        AllBusy(bed);
        var call = Guid.NewGuid();
        bed.Decide(CornerShop, callId: call);
        bed.Time.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));
        var before = bed.Decide(CornerShop, callId: call);

        bed.Time.Advance(TimeSpan.FromSeconds(1));
        var after = bed.Decide(CornerShop, callId: call);

        Assert.Equal(1, before.Queue?.Position);
        Assert.Equal(["3002"], after.Targets);
        Assert.Contains(new RoutingCandidate("queue:operators", null, null, "waited 03:00, the maximum is 03:00: overflow to department-head:sales-support", false),
            after.Candidates);
        Assert.Equal(new RoutingCandidate("queue:operators overflow department-head:sales-support", "3002", "available", "available, no call since start", true),
            after.Candidates[^1]);
        Assert.Equal((0, 1), (bed.Queues.GetFigures("operators").Waiting, bed.Queues.GetFigures("operators").Overflowed));
    }

    [Theory]
    [InlineData("unregistered")]
    [InlineData("logged-out")]
    [InlineData("break")]
    public async Task Decide_NobodyLoggedInToTheQueue_OverflowsAtOnce(string how)
    {
        using var bed = await AcdTestBed.StartAsync();
        foreach (var extension in Operators)
        {
            bed.MakeUnavailable(extension, how);
        }

        var decision = bed.Decide(CornerShop);

        Assert.Equal(["3002"], decision.Targets);
        Assert.Null(decision.Queue);
        Assert.Contains(new RoutingCandidate("queue:operators", null, null,
            "nobody in the queue is logged in with a registered phone: overflow to department-head:sales-support", false), decision.Candidates);
        Assert.Equal(1, bed.Queues.GetFigures("operators").Overflowed);
    }

    [Fact]
    public async Task Decide_OperatorsBusyNotAbsent_CallWaitsInsteadOfOverflowing()
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.MakeUnavailable("1001", "on-call");
        bed.MakeUnavailable("1002", "ringing");
        bed.MakeUnavailable("1003", "wrap-up");

        var decision = bed.Decide(CornerShop);

        Assert.Empty(decision.Targets);
        Assert.Equal(1, decision.Queue?.Position);
    }

    [Theory]
    [InlineData("2026-11-30T09:00:00Z", null, null)]                                                          // Mon 12:00 Moscow
    [InlineData("2026-11-30T04:59:00Z", "closed: outside business hours (mon 07:59 Europe/Moscow)", "2026-11-30T05:00:00Z")]   // before opening
    [InlineData("2026-11-30T05:00:00Z", null, null)]                                                          // Mon 08:00, opens
    [InlineData("2026-11-30T17:00:00Z", "closed: outside business hours (mon 20:00 Europe/Moscow)", "2026-12-01T05:00:00Z")]   // closes at 20:00
    [InlineData("2026-12-05T11:59:00Z", null, null)]                                                          // Sat 14:59
    [InlineData("2026-12-05T12:00:00Z", "closed: outside business hours (sat 15:00 Europe/Moscow)", "2026-12-07T05:00:00Z")]
    [InlineData("2026-12-06T09:00:00Z", "closed: outside business hours (sun 12:00 Europe/Moscow)", "2026-12-07T05:00:00Z")]   // no Sunday hours
    [InlineData("2027-01-01T09:00:00Z", "closed: holiday 2027-01-01", "2027-01-02T06:00:00Z")]                                 // a Friday
    [InlineData("2026-12-31T21:30:00Z", "closed: holiday 2027-01-01", "2027-01-02T06:00:00Z")]                                 // 00:30 in Moscow already
    [InlineData("2027-01-07T09:00:00Z", "closed: holiday 2027-01-07", "2027-01-08T05:00:00Z")]
    public async Task Decide_QueueWithOfficeHours_ClosedAnnouncementOutsideThem_VoicemailDueAtTheNextOpening(string instant, string? closed, string? opens)
    {
        using var bed = await AcdTestBed.StartAsync(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
        await bed.UsePolicyAsync(TestPolicies.WithOperatorQueue(q => q with { Hours = "office" }));

        var decision = bed.Decide(CornerShop);

        if (closed is null)
        {
            Assert.Equal(Operators, decision.Targets);
            Assert.Null(decision.FinalAnnouncement);
            Assert.Null(decision.Voicemail);
        }
        else
        {
            Assert.Empty(decision.Targets);
            Assert.Null(decision.Queue);
            Assert.Equal("closed", decision.FinalAnnouncement);
            Assert.Contains(new RoutingCandidate("queue:operators", null, null, closed, false), decision.Candidates);
            Assert.Equal(("operators", DateTimeOffset.Parse(opens!, System.Globalization.CultureInfo.InvariantCulture)),
                (decision.Voicemail?.QueueName, decision.Voicemail?.OpensAt));
            Assert.Equal(Operators, decision.Voicemail!.Members);
            Assert.Equal(decision.Voicemail, decision.ToCallRoute().Voicemail);
        }
    }

    [Fact]
    public async Task Decide_ClosedQueueWithVoicemailOff_ClosedAnnouncementOnly()
    {
        using var bed = await AcdTestBed.StartAsync(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero)); // a Sunday
        await bed.UsePolicyAsync(TestPolicies.WithOperatorQueue(q => q with { Hours = "office", Voicemail = false }));

        var decision = bed.Decide(CornerShop);

        Assert.Equal("closed", decision.FinalAnnouncement);
        Assert.Null(decision.Voicemail);
    }

    [Fact]
    public async Task Decide_QueueClosesWhileTheCallWaits_ClosedAnnouncementNotCountedAsAbandoned()
    {
        using var bed = await AcdTestBed.StartAsync(new DateTimeOffset(2026, 11, 30, 16, 59, 0, TimeSpan.Zero)); // 19:59 in Moscow
        await bed.UsePolicyAsync(TestPolicies.WithOperatorQueue(q => q with { Hours = "office" }));
        AllBusy(bed);
        var call = Guid.NewGuid();
        var waits = bed.Decide(CornerShop, callId: call);
        bed.Time.Advance(TimeSpan.FromMinutes(1));

        var closed = bed.Decide(CornerShop, callId: call);
        bed.Router.Complete(call, answeredBy: null);

        Assert.Equal(1, waits.Queue?.Position);
        Assert.Equal("closed", closed.FinalAnnouncement);
        var figures = bed.Queues.GetFigures("operators");
        Assert.Equal((0, 0, 0, 0), (figures.Waiting, figures.Answered, figures.Abandoned, figures.Overflowed));
    }

    [Fact]
    public async Task Complete_CallerHangsUpWhileQueued_CountedAsAbandoned()
    {
        using var bed = await AcdTestBed.StartAsync();
        AllBusy(bed);
        var call = Guid.NewGuid();
        bed.Decide(CornerShop, callId: call);
        bed.Time.Advance(TimeSpan.FromSeconds(40));

        bed.Router.Complete(call, answeredBy: null);

        var figures = bed.Queues.GetFigures("operators");
        Assert.Equal((0, 0, 1), (figures.Waiting, figures.Answered, figures.Abandoned));
    }

    [Fact]
    public async Task Complete_QueuedCallAnswered_CountedWithItsWait()
    {
        using var bed = await AcdTestBed.StartAsync();
        AllBusy(bed);
        var call = Guid.NewGuid();
        bed.Decide(CornerShop, callId: call);
        bed.Time.Advance(TimeSpan.FromSeconds(40));
        bed.Activity.Release("1001", talked: true);
        bed.Time.Advance(AcdTestBed.WrapUp);
        bed.Decide(CornerShop, callId: call);

        bed.Router.Complete(call, answeredBy: "1001");

        var figures = bed.Queues.GetFigures("operators");
        Assert.Equal((0, 1, 0), (figures.Waiting, figures.Answered, figures.Abandoned));
        Assert.Equal(TimeSpan.FromSeconds(70), figures.AverageWait);
    }

    [Fact]
    public async Task Decide_QueueWithHistory_ExpectedWaitFromAnsweredCalls()
    {
        using var bed = await AcdTestBed.StartAsync();
        AllBusy(bed);
        var answered = Guid.NewGuid();
        bed.Decide(CornerShop, callId: answered);
        bed.Time.Advance(TimeSpan.FromSeconds(90));
        bed.Router.Complete(answered, answeredBy: "1001");

        var decision = bed.Decide(TverMarket);

        // 90 s average wait, position 1, three operators staffed: 30 s.
        Assert.Equal(TimeSpan.FromSeconds(30), decision.Queue?.ExpectedWait);
        Assert.Contains(decision.Candidates, c => c.Verdict == "waiting at position 1, expected wait 00:30");
    }

    [Fact]
    public async Task Explain_AllOperatorsBusy_ShowsTheWaitWithoutQueueing()
    {
        using var bed = await AcdTestBed.StartAsync();
        AllBusy(bed);

        var explained = bed.Router.Explain(CornerShop, "7000", null);

        Assert.Equal(1, explained.Queue?.Position);
        Assert.Equal(0, bed.Queues.GetFigures("operators").Waiting);
    }

    private static void AllBusy(AcdTestBed bed)
    {
        foreach (var extension in Operators)
        {
            bed.OnCall(extension);
        }
    }

    private static QueueWaitView? View(RoutingDecision decision) =>
        decision.Queue is { } q ? new QueueWaitView(q.QueueName, q.Position, q.ExpectedWait, q.Announcement) : null;

    private sealed record QueueWaitView(string Queue, int Position, TimeSpan? ExpectedWait, string? Announcement);
}
