using ContactCenter.CallEngine.Calls;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;
using ContactCenter.TestKit.Sessions;
using ContactCenter.TestKit.Sip;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>
/// An answered call over the fake session port: hold and resume from either side, blind, API and attended transfers,
/// a leg's session expiring, and the end-of-call clean-up when one of its steps fails.
/// </summary>
public sealed class AnsweredCallTests
{
    [Fact]
    public async Task Hold_BothWays_AnsweredWithOurMedia_HeldAndResumedPublished()
    {
        await using var rig = new CallRig();
        var (caller, agent, _) = rig.AnsweredCall();

        var held = await caller.PeerOffersAsync(TestSdp.Audio(40_000, "sendonly"), LegMediaChange.Held);
        var resumed = await caller.PeerOffersAsync(TestSdp.Audio(40_000, "sendrecv"), LegMediaChange.Resumed);
        await agent.PeerOffersAsync(TestSdp.Audio(40_020, "inactive"), LegMediaChange.Held);
        await agent.PeerOffersAsync(TestSdp.Audio(40_020, "sendrecv"), LegMediaChange.Resumed);

        Assert.Equal("recvonly", SdpDirectionOf(held));
        Assert.Equal("sendrecv", SdpDirectionOf(resumed));
        Assert.Equal(["+4930123456", "1001"], rig.Events.Of<CallHeld>().Select(h => h.HeldBy));
        Assert.Equal(["+4930123456", "1001"], rig.Events.Of<CallResumed>().Select(r => r.ResumedBy));
    }

    [Fact]
    public async Task MediaOffer_NothingUsable_Refused_CallGoesOn()
    {
        await using var rig = new CallRig();
        var (caller, _, callId) = rig.AnsweredCall();

        Assert.Null(await caller.PeerOffersAsync(TestSdp.Audio(40_000) with { Media = [] }, LegMediaChange.Changed));

        Assert.Equal(CallPhase.Answered, rig.Manager.GetCall(callId)!.Phase);
        Assert.Empty(rig.Events.Of<CallHeld>());
    }

    [Fact]
    public async Task BlindTransfer_AgentRefers_TargetAnswers_ReportedSucceeded_OldAgentLegEndedAndFreed()
    {
        await using var rig = new CallRig();
        var (caller, agent, _) = rig.AnsweredCall();
        rig.Phones.Register("1002");

        Assert.True(await agent.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002"))));
        var target = rig.Port.WaitForPlaced("1002");
        target.PeerAnswers(TestSdp.Audio(40_040));

        agent.WaitForCommand("transfer:Succeeded");
        agent.WaitForCommand("hangup");
        var transferred = rig.Events.WaitFor<CallTransferred>();
        Assert.Equal((TransferKind.Blind, "1001", "1002"), (transferred.Kind, transferred.FromExtension, transferred.ToTarget));
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));

        caller.PeerEnds(LegEndCause.HungUp);
        target.WaitForCommand("hangup");
        rig.WaitForNoCalls();
        Assert.Equal(0, rig.Agents.GetCallCount("1002"));
    }

    [Fact]
    public async Task BlindTransfer_TargetBusy_ReportedFailed_CallerStaysWithTheAgent()
    {
        await using var rig = new CallRig();
        var (caller, agent, callId) = rig.AnsweredCall();
        rig.Phones.Register("1002");

        Assert.True(await agent.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002"))));
        rig.Port.WaitForPlaced("1002").PeerEnds(LegEndCause.Busy, "486 Busy Here");

        agent.WaitForCommand("transfer:Failed");
        Assert.DoesNotContain("hangup", agent.Commands);
        Assert.Equal(CallPhase.Answered, rig.Manager.GetCall(callId)!.Phase);
        Assert.Empty(rig.Events.Of<CallTransferred>());
        Assert.Equal(["ring+media", "answer"], caller.Commands);
    }

    [Fact]
    public async Task BlindTransfer_TheAgentsPhoneHeldFirst_TargetAnswers_TheCallIsNotShownHeld_TheHoldEnds()
    {
        await using var rig = new CallRig();
        var (_, agent, callId) = rig.AnsweredCall();
        rig.Phones.Register("1002");
        await agent.PeerOffersAsync(TestSdp.Audio(40_020, "sendonly"), LegMediaChange.Held); // phones hold, then transfer
        Assert.True(rig.Manager.GetCall(callId)!.OnHold);

        Assert.True(await agent.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002"))));
        rig.Port.WaitForPlaced("1002").PeerAnswers(TestSdp.Audio(40_040));

        agent.WaitForCommand("transfer:Succeeded");
        rig.Events.WaitFor<CallTransferred>();
        Assert.Equal("1001", rig.Events.WaitFor<CallResumed>().ResumedBy); // the hold in the call's timeline ends with the transfer
        Assert.False(rig.Manager.GetCall(callId)!.OnHold);
        Assert.False(rig.Manager.FindSupervisionPoint(callId)!.Bridge.IsOnHold(MediaLegSide.B));
    }

    [Fact]
    public async Task BlindTransfer_TheAgentsPhoneHeldFirst_TargetBusy_CallerHearsMusicUntilThePhoneResumes()
    {
        await using var rig = new CallRig();
        var (_, agent, callId, target) = await HeldThenReferredTo1002Async(rig);
        target.PeerEnds(LegEndCause.Busy, "486 Busy Here");
        agent.WaitForCommand("transfer:Failed");

        var bridge = rig.Manager.FindSupervisionPoint(callId)!.Bridge;
        FakeLeg.WaitUntil(() => rig.Manager.GetCall(callId)!.OnHold && bridge.IsOnHold(MediaLegSide.B) ? "" : null, "still held after the failed transfer");
        Assert.Single(rig.Events.Of<CallHeld>()); // still the one hold, not a second
        Assert.Empty(rig.Events.Of<CallResumed>());
        await agent.PeerOffersAsync(TestSdp.Audio(40_020, "sendrecv"), LegMediaChange.Resumed);
        Assert.Equal("1001", rig.Events.WaitFor<CallResumed>().ResumedBy);
        Assert.False(bridge.IsOnHold(MediaLegSide.B));
        Assert.False(rig.Manager.GetCall(callId)!.OnHold);
    }

    [Fact]
    public async Task BlindTransfer_TheAgentsPhoneResumesWhileTheTargetRings_CallerHearsRingbackUntilItFails_ThenTheAgent()
    {
        await using var rig = new CallRig();
        var (_, agent, callId, target) = await HeldThenReferredTo1002Async(rig);
        var bridge = rig.Manager.FindSupervisionPoint(callId)!.Bridge;
        await agent.PeerOffersAsync(TestSdp.Audio(40_020, "sendrecv"), LegMediaChange.Resumed);

        // The target still rings: the caller hears ringback, not the agent, and the hold has not ended yet.
        Assert.True(bridge.IsOnHold(MediaLegSide.B));
        Assert.Empty(rig.Events.Of<CallResumed>());

        target.PeerEnds(LegEndCause.Busy, "486 Busy Here");
        agent.WaitForCommand("transfer:Failed");
        Assert.Equal("1001", rig.Events.WaitFor<CallResumed>().ResumedBy);
        Assert.False(bridge.IsOnHold(MediaLegSide.B));
        Assert.False(rig.Manager.GetCall(callId)!.OnHold);
        Assert.Single(rig.Events.Of<CallHeld>());
    }

    [Fact]
    public async Task ApiTransfer_TheCallerHoldsAndResumesWhileTheTargetRings_NotShownHeld_OneHoldInTheTimeline()
    {
        await using var rig = new CallRig();
        var (caller, _, callId) = rig.AnsweredCall();
        rig.Phones.Register("1002");

        Assert.True(await rig.Manager.TryStartTransferAsync(callId, "1002", "supervisor moved it"));
        var target = rig.Port.WaitForPlaced("1002");
        await caller.PeerOffersAsync(TestSdp.Audio(40_000, "sendonly"), LegMediaChange.Held);
        Assert.True(rig.Manager.GetCall(callId)!.OnHold);
        await caller.PeerOffersAsync(TestSdp.Audio(40_000, "sendrecv"), LegMediaChange.Resumed);
        Assert.False(rig.Manager.GetCall(callId)!.OnHold); // the ringback the caller hears is no hold

        target.PeerAnswers(TestSdp.Audio(40_040));
        rig.Events.WaitFor<CallTransferred>();
        Assert.False(rig.Manager.GetCall(callId)!.OnHold);
        Assert.Equal(["held by +4930123456", "resumed by +4930123456"], HoldsOf(rig, callId));
    }

    [Fact]
    public async Task BlindTransfer_TheAgentHeldFirst_TheCallerHoldsAndResumesWhileTheTargetRings_StillShownHeld()
    {
        await using var rig = new CallRig();
        var (caller, _, callId, target) = await HeldThenReferredTo1002Async(rig);
        await caller.PeerOffersAsync(TestSdp.Audio(40_000, "sendonly"), LegMediaChange.Held);
        await caller.PeerOffersAsync(TestSdp.Audio(40_000, "sendrecv"), LegMediaChange.Resumed);
        Assert.True(rig.Manager.GetCall(callId)!.OnHold); // the agent's hold is still open in the timeline

        target.PeerAnswers(TestSdp.Audio(40_040));
        rig.Events.WaitFor<CallTransferred>();
        FakeLeg.WaitUntil(() => HoldsOf(rig, callId).Count == 4 ? "" : null, "the agent's hold closed");
        Assert.Equal(["held by 1001", "held by +4930123456", "resumed by +4930123456", "resumed by 1001"], HoldsOf(rig, callId));
        Assert.False(rig.Manager.GetCall(callId)!.OnHold);
    }

    [Fact]
    public async Task BlindTransfer_TargetHangsUpAsItAnswers_ReportedFailed_CallerBackWithTheAgent_TargetFreed()
    {
        await using var rig = new CallRig();
        var (_, agent, callId) = rig.AnsweredCall();
        rig.Phones.Register("1002");

        Assert.True(await agent.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002"))));
        var target = rig.Port.WaitForPlaced("1002");
        target.PeerAnswersAndHangsUp(TestSdp.Audio(40_040));

        agent.WaitForCommand("transfer:Failed");
        var failed = rig.Events.WaitFor<CallOfferFailed>();
        Assert.Equal(("1002", "hung up as it answered"), (failed.AgentExtension, failed.Reason));
        Assert.DoesNotContain("hangup", agent.Commands);
        Assert.Equal(CallPhase.Answered, rig.Manager.GetCall(callId)!.Phase);
        Assert.Empty(rig.Events.Of<CallTransferred>());
        rig.WaitForAgentFreed("1002");
        Assert.Equal(1, rig.Agents.GetCallCount("1001"));
    }

    [Fact]
    public async Task Transfer_AskedByTheCaller_Refused()
    {
        await using var rig = new CallRig();
        var (caller, _, _) = rig.AnsweredCall();

        Assert.False(await caller.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002"))));
    }

    [Fact]
    public async Task AgentDialsOut_TheClientsSideRefers_Refused_AnApiTransferThenLeavesNoAgentBusy()
    {
        await using var rig = new CallRig();
        rig.Phones.Register("1001");
        rig.Phones.Register("1002");
        var agent = rig.Port.Arrive(new LegOffered("1001", "+74951000003", TestSdp.Audio(40_010), "1001"));
        var client = rig.Port.WaitForPlaced("+74951000003");
        client.PeerAnswers(TestSdp.Audio(40_020));
        rig.Events.WaitFor<CallAnswered>();
        var callId = Assert.Single(rig.Manager.GetCalls()).CallId;

        // A REFER passed through by the carrier is the client's, not an agent's: refused.
        Assert.False(await client.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002"))));
        Assert.DoesNotContain(rig.Port.Placed, p => p.Offer?.Target.Number == "1002");

        // Moved to 1002 by the API, the call ends later: 1002's slot is given back.
        Assert.True(await rig.Manager.TryStartTransferAsync(callId, "1002", "supervisor moved it"));
        var target = rig.Port.WaitForPlaced("1002");
        target.PeerAnswers(TestSdp.Audio(40_040));
        rig.Events.WaitFor<CallTransferred>();
        agent.PeerEnds(LegEndCause.HungUp);
        rig.WaitForNoCalls();
        Assert.Equal((0, 0), (rig.Agents.GetCallCount("1001"), rig.Agents.GetCallCount("1002")));
        rig.WaitForPortsReturned();
    }

    [Fact]
    public async Task ApiTransfer_TargetAnswers_Transferred_OldAgentLegEnded()
    {
        await using var rig = new CallRig();
        var (_, agent, callId) = rig.AnsweredCall();
        rig.Phones.Register("1002");

        Assert.True(await rig.Manager.TryStartTransferAsync(callId, "1002", "supervisor moved it"));
        rig.Port.WaitForPlaced("1002").PeerAnswers(TestSdp.Audio(40_040));

        var transferred = rig.Events.WaitFor<CallTransferred>();
        Assert.Equal((TransferKind.Api, "1002", "supervisor moved it"), (transferred.Kind, transferred.ToTarget, transferred.Reason));
        agent.WaitForCommand("hangup");
    }

    [Fact]
    public async Task AttendedTransfer_AgentJoinsCallerWithItsConsultation_CalleeMovesToTheCall()
    {
        await using var rig = new CallRig();
        var (caller, agent, callId) = rig.AnsweredCall();
        var (consultation, colleague) = Consult(rig);

        Assert.True(await agent.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002")) { Replaces = consultation }));

        agent.WaitForCommand("transfer:Succeeded");
        agent.WaitForCommand("hangup");
        consultation.WaitForCommand("reject:Unavailable"); // answered: the session layer sends BYE
        var transferred = rig.Events.WaitFor<CallTransferred>();
        Assert.Equal((callId, TransferKind.Attended, "1002"), (transferred.CallId, transferred.Kind, transferred.ToTarget));
        Assert.DoesNotContain("hangup", colleague.Commands);

        // The colleague's leg is the transferred call's now: its hang-up ends that call.
        colleague.PeerEnds(LegEndCause.HungUp);
        caller.WaitForCommand("reject:HungUp");
        rig.WaitForNoCalls();
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
        Assert.Equal(0, rig.Agents.GetCallCount("1002"));
    }

    [Fact]
    public async Task AttendedTransfer_TheColleagueHeldTheConsultation_CallerHearsMusicUntilTheColleagueResumes()
    {
        await using var rig = new CallRig();
        var (_, agent, callId) = rig.AnsweredCall();
        await agent.PeerOffersAsync(TestSdp.Audio(40_020, "sendonly"), LegMediaChange.Held); // the agent holds the caller, then consults
        var (consultation, colleague) = Consult(rig);
        await colleague.PeerOffersAsync(TestSdp.Audio(40_050, "sendonly"), LegMediaChange.Held);

        Assert.True(await agent.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002")) { Replaces = consultation }));
        rig.Events.WaitFor<CallTransferred>();

        // The colleague's phone still holds: the caller hears music, the desks show the call held, and the CRM's timeline
        // has the agent's hold end as the agent leaves and the colleague's begin.
        var bridge = rig.Manager.FindSupervisionPoint(callId)!.Bridge;
        Assert.True(rig.Manager.GetCall(callId)!.OnHold);
        Assert.True(bridge.IsOnHold(MediaLegSide.B));
        FakeLeg.WaitUntil(() => HoldsOf(rig, callId).Count == 3 ? "" : null, "three holds in the call's timeline");

        await colleague.PeerOffersAsync(TestSdp.Audio(40_050, "sendrecv"), LegMediaChange.Resumed);
        FakeLeg.WaitUntil(() => HoldsOf(rig, callId).Count == 4 ? "" : null, "the colleague's resume in the call's timeline");
        Assert.Equal(["held by 1001", "resumed by 1001", "held by 1002", "resumed by 1002"], HoldsOf(rig, callId));
        Assert.False(bridge.IsOnHold(MediaLegSide.B));
        Assert.False(rig.Manager.GetCall(callId)!.OnHold);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SessionExpires_OnEitherLeg_CallEndsBySystem_TheOtherLegHungUp(bool callersLeg)
    {
        await using var rig = new CallRig();
        var (caller, agent, _) = rig.AnsweredCall();

        (callersLeg ? caller : agent).SessionExpires();

        var ended = rig.Events.WaitFor<CallEnded>();
        Assert.Equal(CallEndedBy.System, ended.EndedBy);
        Assert.Contains(callersLeg ? "on the caller's leg" : "on the callee's leg", ended.Reason, StringComparison.Ordinal);
        if (callersLeg)
        {
            agent.WaitForCommand("hangup");
        }
        else
        {
            caller.WaitForCommand("reject:SessionExpired");
        }

        rig.WaitForNoCalls();
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
    }

    [Fact]
    public async Task MaxDuration_Reached_CallEndsBySystem_BothLegsEnded_AgentFreed()
    {
        // A 10-minute guard (swept every 10 s); no RTP flows in the rig, so the silence timeout is put out of the way.
        var settings = new Dictionary<string, string?> { ["Sip:Calls:MaxDuration"] = "00:10:00", ["Sip:Rtp:SilenceTimeout"] = "1.00:00:00" };
        await using var rig = new CallRig(null, settings);
        var (caller, agent, callId) = rig.AnsweredCall();

        rig.Time.AdvanceInSteps(TimeSpan.FromMinutes(9.5), TimeSpan.FromSeconds(10));
        var before = rig.Manager.GetCall(callId)?.Phase;
        rig.Time.AdvanceInSteps(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(10));

        Assert.Equal(CallPhase.Answered, before);
        var ended = rig.Events.WaitFor<CallEnded>();
        Assert.Equal((CallEndedBy.System, "maximum call duration reached"), (ended.EndedBy, ended.Reason));
        agent.WaitForCommand("hangup");
        caller.WaitForCommand("reject:Unavailable");
        rig.WaitForNoCalls();
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
    }

    [Fact]
    public async Task Teardown_BusDownForCallEnded_AgentStillFreed_LegEnded_CallRemoved()
    {
        await using var rig = new CallRig();
        var (caller, agent, _) = rig.AnsweredCall();
        rig.Events.Fails = e => e is CallEnded;

        caller.PeerEnds(LegEndCause.HungUp);

        agent.WaitForCommand("hangup");
        rig.WaitForNoCalls();
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
    }

    [Fact]
    public async Task Teardown_HangingUpTheAgentFails_CallEndedStillPublished_AgentFreed_CallRemoved()
    {
        await using var rig = new CallRig();
        var (caller, agent, _) = rig.AnsweredCall();
        agent.FailsToEnd = true;

        caller.PeerEnds(LegEndCause.HungUp);

        Assert.Equal(CallEndedBy.Caller, rig.Events.WaitFor<CallEnded>().EndedBy);
        rig.WaitForNoCalls();
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
    }

    // An answered call whose agent's phone holds it (as phones do) and then transfers it to 1002 by REFER; returns the
    // call's legs, its id, and 1002's ringing leg.
    private static async Task<(FakeLeg Caller, FakeLeg Agent, Guid CallId, FakeLeg Target)> HeldThenReferredTo1002Async(CallRig rig)
    {
        var (caller, agent, callId) = rig.AnsweredCall();
        rig.Phones.Register("1002");
        await agent.PeerOffersAsync(TestSdp.Audio(40_020, "sendonly"), LegMediaChange.Held);
        Assert.True(await agent.PeerRefersAsync(new LegTransferRequest(LegTarget.Extension("1002"))));
        return (caller, agent, callId, rig.Port.WaitForPlaced("1002"));
    }

    // The call's holds and resumes in the order published, as "held by X" / "resumed by X".
    private static List<string> HoldsOf(CallRig rig, Guid callId) =>
        [.. rig.Events.All.Select(e => e switch
        {
            CallHeld h when h.CallId == callId => "held by " + h.HeldBy,
            CallResumed r when r.CallId == callId => "resumed by " + r.ResumedBy,
            _ => null,
        }).OfType<string>()];

    // Agent 1001 calls colleague 1002 (the consultation of an attended transfer), who answers; returns both legs.
    private static (FakeLeg Consultation, FakeLeg Colleague) Consult(CallRig rig)
    {
        rig.Phones.Register("1002");
        var consultation = rig.InternalCall("1001", "1002");
        var colleague = rig.Port.WaitForPlaced("1002");
        colleague.PeerAnswers(TestSdp.Audio(40_050));
        consultation.WaitForCommand("answer");
        return (consultation, colleague);
    }

    private static string? SdpDirectionOf(ContactCenter.Sdp.SdpSession? session) =>
        session is null ? null : session.GetDirection(session.Media[0]).ToString().ToLowerInvariant();
}
