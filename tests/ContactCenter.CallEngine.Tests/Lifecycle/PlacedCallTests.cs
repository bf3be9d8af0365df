using ContactCenter.CallEngine.Calls;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;
using ContactCenter.TestKit.Sessions;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>
/// A call the service places (click-to-call, callbacks, call lists, dispatch) over the fake session port: the agent's
/// phone first, then the client through the trunk; each way it can end, and the outcome the caller of Originate sees.
/// </summary>
public sealed class PlacedCallTests
{
    private const string Client = "+74951234567";

    [Fact]
    public async Task AgentThenClientAnswer_Connected_BridgedAndRecordedAsAnswered_ClientHangsUp()
    {
        await using var rig = new CallRig();
        rig.Phones.Register("1001");
        var placed = rig.Manager.Originate("1001", Client, "click-to-call");
        Assert.Null(placed.Refusal);

        var agent = rig.Port.WaitForPlaced("1001");
        Assert.Equal(Client, agent.Offer!.CallerNumber); // the agent's phone shows the client's number
        agent.PeerAnswers(TestSdp.Audio(40_060));
        var client = rig.Port.WaitForPlaced(Client);
        Assert.Equal("+74950000000", client.Offer!.CallerNumber); // the company's caller ID
        client.PeerAnswers(TestSdp.Audio(40_070));

        Assert.Equal(OriginateOutcome.Connected, await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(("1001", Client), (rig.Events.WaitFor<CallAnswered>().AgentExtension, rig.Events.WaitFor<CallAnswered>().CallerNumber));
        Assert.NotNull(rig.Manager.FindSupervisionPoint(placed.CallId!.Value)?.Bridge);
        Assert.Equal(1, rig.Agents.GetCallCount("1001"));

        client.PeerEnds(LegEndCause.HungUp);

        var ended = rig.Events.WaitFor<CallEnded>();
        Assert.Equal((CallEndedBy.Caller, "client hung up"), (ended.EndedBy, ended.Reason));
        agent.WaitForCommand("hangup");
        rig.WaitForNoCalls();
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
    }

    [Fact]
    public async Task AgentDoesNotAnswer_AgentMissed_ClientNeverDialled()
    {
        await using var rig = new CallRig();
        rig.Phones.Register("1001");
        var placed = rig.Manager.Originate("1001", Client, "callback");

        rig.Port.WaitForPlaced("1001").PeerEnds(LegEndCause.NoAnswer, "no answer");

        Assert.Equal(OriginateOutcome.AgentMissed, await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("agent 1001 did not answer", rig.Events.WaitFor<CallEnded>().Reason);
        rig.WaitForNoCalls();
        Assert.DoesNotContain(rig.Port.Placed, l => l.Offer!.Target.Number == Client);
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
    }

    [Fact]
    public async Task ClientBusy_ClientMissed_AgentsLegHungUpAndFreed()
    {
        await using var rig = new CallRig();
        rig.Phones.Register("1001");
        var placed = rig.Manager.Originate("1001", Client, "call-list");
        var agent = rig.Port.WaitForPlaced("1001");
        agent.PeerAnswers(TestSdp.Audio(40_060));

        rig.Port.WaitForPlaced(Client).PeerEnds(LegEndCause.Busy, "486 Busy Here");

        Assert.Equal(OriginateOutcome.ClientMissed, await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal($"{Client}: 486 Busy Here", rig.Events.WaitFor<CallEnded>().Reason);
        agent.WaitForCommand("hangup");
        rig.WaitForNoCalls();
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
    }

    [Fact]
    public async Task ClientBusy_WhileAnotherCallRingsAtTheAgent_TheAgentsTalkingSlotIsGivenBack_TheRingingOneStays()
    {
        await using var rig = new CallRig();
        var (placed, agent, client) = ClientRinging(rig);
        Assert.True(rig.Agents.TryReserve("1001", limit: 0)); // another offer rings at 1001 (a call limit above 1)

        client.PeerEnds(LegEndCause.Busy, "486 Busy Here");

        Assert.Equal(OriginateOutcome.ClientMissed, await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10)));
        agent.WaitForCommand("hangup");
        rig.Events.WaitFor<CallEnded>();
        FakeLeg.WaitUntil(() => rig.Agents.GetCalls("1001") == (1, 0) ? "" : null, "the placed call's slot given back");
    }

    [Fact]
    public async Task AgentHangsUpWhileTheClientRings_ClientOfferWithdrawn()
    {
        await using var rig = new CallRig();
        var (placed, agent, client) = ClientRinging(rig);

        agent.PeerEnds(LegEndCause.HungUp);

        client.WaitForCommand("hangup");
        Assert.Equal(CallEndedBy.Agent, rig.Events.WaitFor<CallEnded>().EndedBy);
        Assert.Equal(OriginateOutcome.ClientMissed, await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10)));
        rig.WaitForNoCalls();
    }

    [Fact]
    public async Task Hold_ByTheAgent_HeldThenResumed()
    {
        await using var rig = new CallRig();
        var (placed, agent, client) = ClientRinging(rig);
        client.PeerAnswers(TestSdp.Audio(40_070));
        await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(await agent.PeerOffersAsync(TestSdp.Audio(40_060, "sendonly"), LegMediaChange.Held));
        Assert.NotNull(await agent.PeerOffersAsync(TestSdp.Audio(40_060, "sendrecv"), LegMediaChange.Resumed));

        Assert.Equal("1001", rig.Events.WaitFor<CallHeld>().HeldBy);
        Assert.Equal("1001", rig.Events.WaitFor<CallResumed>().ResumedBy);
        Assert.False(await agent.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002")))); // placed calls are not transferred
    }

    [Fact]
    public async Task Hold_ByTheAgentWhileTheClientRings_HeldOnceBridged_ThenResumed()
    {
        await using var rig = new CallRig();
        var (placed, agent, client) = ClientRinging(rig);

        Assert.NotNull(await agent.PeerOffersAsync(TestSdp.Audio(40_060, "sendonly"), LegMediaChange.Held));
        Assert.Empty(rig.Events.Of<CallHeld>()); // nothing to hold yet: the agent hears the ringback
        client.PeerAnswers(TestSdp.Audio(40_070));
        await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("1001", rig.Events.WaitFor<CallHeld>().HeldBy); // the client hears music, as the agent's phone believes
        Assert.True(rig.Manager.FindSupervisionPoint(placed.CallId!.Value)!.Bridge.IsOnHold(MediaLegSide.A));
        Assert.NotNull(await agent.PeerOffersAsync(TestSdp.Audio(40_060, "sendrecv"), LegMediaChange.Resumed));
        Assert.Equal("1001", rig.Events.WaitFor<CallResumed>().ResumedBy);
        Assert.False(rig.Manager.FindSupervisionPoint(placed.CallId!.Value)!.Bridge.IsOnHold(MediaLegSide.A));
        Assert.Single(rig.Events.Of<CallHeld>());
    }

    [Fact]
    public async Task Hold_ByTheAgentWhileTheClientRings_ResumedBeforeTheAnswer_NotHeldOnceBridged()
    {
        await using var rig = new CallRig();
        var (placed, agent, client) = ClientRinging(rig);

        Assert.NotNull(await agent.PeerOffersAsync(TestSdp.Audio(40_060, "sendonly"), LegMediaChange.Held));
        Assert.NotNull(await agent.PeerOffersAsync(TestSdp.Audio(40_060, "sendrecv"), LegMediaChange.Resumed));
        client.PeerAnswers(TestSdp.Audio(40_070));
        await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10));
        rig.Events.WaitFor<CallAnswered>();

        Assert.False(rig.Manager.FindSupervisionPoint(placed.CallId!.Value)!.Bridge.IsOnHold(MediaLegSide.A));
        client.PeerEnds(LegEndCause.HungUp);
        rig.Events.WaitFor<CallEnded>();
        Assert.Empty(rig.Events.Of<CallHeld>());
    }

    [Fact]
    public async Task NumberTheDialPlanRefuses_NotPlaced()
    {
        await using var rig = new CallRig();
        rig.Phones.Register("1001");

        var placed = rig.Manager.Originate("1001", "+78091234567", "click-to-call");

        Assert.NotNull(placed.Refusal);
        Assert.Null(placed.CallId);
        Assert.Empty(rig.Port.Placed);
    }

    // A click-to-call from 1001 whose agent answered and whose client's phone rings.
    private static (OriginateResult Placed, FakeLeg Agent, FakeLeg Client) ClientRinging(CallRig rig)
    {
        rig.Phones.Register("1001");
        var placed = rig.Manager.Originate("1001", Client, "click-to-call");
        var agent = rig.Port.WaitForPlaced("1001");
        agent.PeerAnswers(TestSdp.Audio(40_060));
        return (placed, agent, rig.Port.WaitForPlaced(Client));
    }
}
