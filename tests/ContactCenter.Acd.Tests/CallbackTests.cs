using ContactCenter.Acd.Queues;
using ContactCenter.CallEngine.Calls;
using Microsoft.Extensions.Logging.Abstractions;
using static ContactCenter.Acd.Tests.DemoDirectory;

namespace ContactCenter.Acd.Tests;

public sealed class CallbackTests
{
    [Fact]
    public async Task PremiumRateCaller_IsNeverOfferedACallback_NorCalledBackWhenItPressesTheKeyAnyway()
    {
        using var bed = await AcdTestBed.StartAsync(registerAll: false);
        bed.Register("1001");
        bed.OnCall("1001");
        var spoofed = Guid.NewGuid();
        const string Premium = "+78091234567"; // a spoofed caller ID on a premium-rate range (issue #16)

        var decision = bed.Decide(Premium, callId: spoofed);
        var honest = bed.Decide(CornerShop);

        Assert.NotNull(decision.Queue);
        Assert.Null(decision.Queue.CallbackKey);           // "press 1 to be called back" is not offered
        Assert.Equal('1', honest.Queue!.CallbackKey);       // to a callable number it still is
        Assert.False(bed.Router.RequestCallback(spoofed, "operators", Premium));
        Assert.Equal(0, bed.Queues.GetFigures("operators").Callbacks);
    }

    [Fact]
    public async Task RequestCallback_KeepsThePlace_PlacedOnceWhenAnOperatorIsFree()
    {
        using var bed = await AcdTestBed.StartAsync(registerAll: false);
        bed.Register("1001");
        bed.OnCall("1001");
        var asking = Guid.NewGuid();
        bed.Decide(CornerShop, callId: asking);                        // waits at position 1
        bed.Time.Advance(TimeSpan.FromSeconds(5));
        var later = Guid.NewGuid();
        bed.Decide(TverMarket, callId: later);                         // waits at position 2

        Assert.True(bed.Router.RequestCallback(asking, "operators", CornerShop));
        bed.Router.Complete(asking, answeredBy: null);                 // the asking call ends; the callback stays
        var placer = new RecordingPlacer(bed.Activity);
        var dispatcher = new CallbackDispatcher(bed.Queues, bed.Policies, bed.Agents, placer, bed.Time, NullLogger<CallbackDispatcher>.Instance);

        Assert.Equal(0, dispatcher.DispatchOnce());                    // 1001 still busy: nothing placed
        bed.Activity.Release("1001", talked: true);
        bed.Time.Advance(AcdTestBed.WrapUp);
        var placed = dispatcher.DispatchOnce();
        var again = dispatcher.DispatchOnce();                         // the same callback is never placed twice

        Assert.Equal(1, placed);
        Assert.Equal(0, again);
        Assert.Equal([("1001", CornerShop)], placer.Calls);
        Assert.Empty(bed.Decide(TverMarket, callId: later).Targets);   // the callback took the free operator first
        placer.Finish(OriginateOutcome.Connected);
        for (var i = 0; i < 100 && bed.Queues.GetFigures("operators").Callbacks > 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, bed.Queues.GetFigures("operators").Callbacks);
        Assert.Equal(1, bed.Queues.GetFigures("operators").Answered);
    }

    [Fact]
    public async Task RestoreCallbacks_AfterRestart_BackInTheirPlaceBeforeLaterCallers()
    {
        using var bed = await AcdTestBed.StartAsync(registerAll: false);
        bed.Register("1001");
        bed.OnCall("1001");
        var saved = new SavedCallback(Guid.NewGuid(), "operators", CornerShop, bed.Time.GetUtcNow().AddMinutes(-2), null);
        var settled = saved with { Id = Guid.NewGuid(), Outcome = "answered" };

        bed.Queues.RestoreCallbacks([saved, settled]);
        var caller = bed.Decide(TverMarket);

        Assert.Equal(2, caller.Queue?.Position);                       // behind the restored callback
        var waiting = bed.Queues.GetWaiting("operators");
        Assert.True(waiting[0].IsCallback);
        Assert.Equal(CornerShop, waiting[0].Number);
        Assert.Equal(1, bed.Queues.GetFigures("operators").Callbacks);
    }

    [Fact]
    public async Task CallbackChanges_AreReportedForSaving_RequestThenOutcome()
    {
        using var bed = await AcdTestBed.StartAsync(registerAll: false);
        bed.Register("1001");
        bed.OnCall("1001");
        var reported = new List<SavedCallback>();
        bed.Queues.Changed += reported.Add;
        var asking = Guid.NewGuid();
        bed.Decide(CornerShop, callId: asking);

        bed.Router.RequestCallback(asking, "operators", CornerShop);
        var id = reported.Single().Id;
        Assert.True(bed.Queues.TryStartCallback(id));
        bed.Queues.EndCallback(id, done: true, answered: false);

        Assert.Equal([null, "not answered"], reported.Select(r => r.Outcome));
        Assert.All(reported, r => Assert.Equal((id, CornerShop), (r.Id, r.Number)));
    }

    /// <summary>Places nothing; takes the agent's slot as the call manager does (the phone rings).</summary>
    private sealed class RecordingPlacer(ContactCenter.CallEngine.Agents.AgentActivity activity) : ICallPlacer
    {
        private readonly TaskCompletionSource<OriginateOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<(string Agent, string Number)> Calls { get; } = [];

        public OriginateResult Originate(string agent, string number, string? purpose)
        {
            Calls.Add((agent, number));
            Assert.True(activity.TryReserve(agent, limit: 1));
            return new OriginateResult(Guid.NewGuid(), _outcome.Task, null);
        }

        public void Finish(OriginateOutcome outcome) => _outcome.SetResult(outcome);
    }
}
