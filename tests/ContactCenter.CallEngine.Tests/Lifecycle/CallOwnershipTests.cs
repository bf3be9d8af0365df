using ContactCenter.CallEngine.Calls;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sessions;
using ContactCenter.TestKit.Sessions;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>
/// One owner per call (issue #14): a placed call ends through the same isolated step list as one that arrived, so a
/// failing step (a throwing hang-up, a bus error) skips none of the others; a command that races the call's end is
/// answered "call ended" and leaks nothing (no agent left busy, no port taken, no leg left ringing).
/// </summary>
public sealed class CallOwnershipTests : IDisposable
{
    private const string Client = "+74951234567";

    private readonly string _recordings = Directory.CreateTempSubdirectory("cc-rec-").FullName;

    [Theory]
    [InlineData("agent's BYE")]
    [InlineData("client's BYE")]
    [InlineData("CallEnded")]
    [InlineData("RecordingAvailable")]
    public async Task PlacedCall_TeardownStepFails_TheOtherStepsStillRun(string failing)
    {
        await using var rig = new CallRig(null, new Dictionary<string, string?>
        {
            ["Sip:Recording:Enabled"] = "true",
            ["Sip:Recording:Directory"] = _recordings,
            ["Sip:Recording:MinFreeMegabytes"] = "0",
        });
        var (placed, agent, client) = await ConnectedPlacedCallAsync(rig);
        agent.FailsToEnd = failing == "agent's BYE";
        client.FailsToEnd = failing == "client's BYE";
        rig.Events.Fails = e => (failing == "CallEnded" && e is CallEnded) || (failing == "RecordingAvailable" && e is RecordingAvailable);

        // The party whose leg does not fail hangs up; the engine ends the other.
        (failing == "client's BYE" ? agent : client).PeerEnds(LegEndCause.HungUp);

        (failing == "client's BYE" ? client : agent).WaitForCommand("hangup");
        rig.WaitForNoCalls();
        rig.WaitForPortsReturned();
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
        Assert.Equal(OriginateOutcome.Connected, await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(failing == "CallEnded" ? 0 : 1, rig.Events.Of<CallEnded>().Count);
        Assert.Equal(failing == "RecordingAvailable" ? 0 : 1, rig.Events.Of<RecordingAvailable>().Count);
        Assert.Contains(rig.Log.Exceptions, e => e.Message is "network down" or "bus down");
    }

    [Fact]
    public async Task Commands_JustAfterTheCallersHangUp_AnsweredCallEnded_NothingLeaks()
    {
        await using var rig = new CallRig();
        var (caller, agent, callId) = rig.AnsweredCall();
        rig.Phones.Register("1002");

        caller.PeerEnds(LegEndCause.HungUp);
        var apiTransfer = await rig.Manager.TryStartTransferAsync(callId, "1002", "supervisor moved it");
        var refer = await agent.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002")));
        var hold = await agent.PeerOffersAsync(TestSdp.Audio(40_020, "sendonly"), LegMediaChange.Held);

        Assert.False(apiTransfer);
        Assert.False(refer);
        Assert.Null(hold);
        agent.WaitForCommand("hangup");
        rig.WaitForNoCalls();
        rig.WaitForPortsReturned();
        Assert.DoesNotContain(rig.Port.Placed, l => l.Offer!.Target.Number == "1002");
        Assert.Empty(rig.Events.Of<CallHeld>());
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
        Assert.Equal(0, rig.Agents.GetCallCount("1002"));
    }

    [Fact]
    public async Task Transfer_UnderWayWhenTheCallerHangsUp_TargetWithdrawnAndFreed_NothingLeaks()
    {
        await using var rig = new CallRig();
        var (caller, agent, callId) = rig.AnsweredCall();
        rig.Phones.Register("1002");
        Assert.True(await rig.Manager.TryStartTransferAsync(callId, "1002", null));
        var target = rig.Port.WaitForPlaced("1002");

        caller.PeerEnds(LegEndCause.HungUp);

        target.WaitForCommand("hangup");
        agent.WaitForCommand("hangup");
        rig.WaitForNoCalls();
        rig.WaitForPortsReturned();
        Assert.Empty(rig.Events.Of<CallTransferred>());
        Assert.Equal(CallEndedBy.Caller, rig.Events.WaitFor<CallEnded>().EndedBy);
        rig.WaitForAgentFreed("1002");
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
    }

    [Fact]
    public async Task PlacedCall_AgentAnswersJustAfterTheHangUp_AgentLegClosed_NothingLeaks()
    {
        await using var rig = new CallRig();
        rig.Phones.Register("1001");
        var placed = rig.Manager.Originate("1001", Client, "click-to-call");
        var agent = rig.Port.WaitForPlaced("1001");

        await rig.Manager.HangUpAsync(placed.CallId!.Value, "ended by an administrator");
        agent.PeerAnswers(TestSdp.Audio(40_060));

        Assert.Equal(OriginateOutcome.AgentMissed, await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10)));
        agent.WaitForCommand("hangup");
        rig.WaitForNoCalls();
        rig.WaitForPortsReturned();
        Assert.DoesNotContain(rig.Port.Placed, l => l.Offer!.Target.Number == Client);
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
    }

    public void Dispose() => Directory.Delete(_recordings, recursive: true);

    private static async Task<(OriginateResult Placed, FakeLeg Agent, FakeLeg Client)> ConnectedPlacedCallAsync(CallRig rig)
    {
        rig.Phones.Register("1001");
        var placed = rig.Manager.Originate("1001", Client, "click-to-call");
        var agent = rig.Port.WaitForPlaced("1001");
        agent.PeerAnswers(TestSdp.Audio(40_060));
        var client = rig.Port.WaitForPlaced(Client);
        client.PeerAnswers(TestSdp.Audio(40_070));
        Assert.Equal(OriginateOutcome.Connected, await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10)));
        return (placed, agent, client);
    }
}
