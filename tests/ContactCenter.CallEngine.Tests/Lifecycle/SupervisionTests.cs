using ContactCenter.CallEngine.Calls;
using ContactCenter.CallEngine.Supervision;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Supervision;
using ContactCenter.Sessions;
using ContactCenter.TestKit.Sessions;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>
/// Listen / whisper / barge over the fake session port on a fake clock: the supervisor's phone is offered a leg, joins on
/// answer, switches mode, follows the call and is hung up when the call ends; a supervisor hanging up leaves the call alone.
/// </summary>
public sealed class SupervisionTests
{
    [Fact]
    public async Task Supervise_PhoneRingsJoinsSwitchesMode_AndIsHungUpWhenTheCallEnds()
    {
        await using var rig = new CallRig();
        var (caller, _, callId) = rig.AnsweredCall();
        rig.Phones.Register("3001");

        Assert.Equal(SupervisionStart.Ringing, rig.Supervisors.Start(callId, "3001", SupervisionMode.Listen));
        var supervisor = rig.Port.WaitForPlaced("3001");
        Assert.Equal((callId, "1001"), (supervisor.Offer!.CallId, supervisor.Offer.CallerNumber)); // the phone shows whose call
        supervisor.PeerAnswers(TestSdp.Audio(40_060));
        rig.Events.WaitFor<CallSupervised>(1);
        Assert.True(rig.Supervisors.Get(callId)!.Joined);
        Assert.True(await rig.Supervisors.SetModeAsync(callId, SupervisionMode.Whisper));

        caller.PeerEnds(LegEndCause.HungUp);
        rig.WaitForNoCalls();
        rig.Time.Advance(TimeSpan.FromSeconds(1)); // the supervision looks at its call every second
        supervisor.WaitForCommand("hangup");
        rig.Events.WaitFor<CallSupervised>(3);

        Assert.Equal(["ringing:Listen", "started:Listen", "changed:Whisper", "ended:Whisper"],
            rig.Events.Of<CallSupervised>().Select(e => $"{e.Change}:{e.Mode}"));
        Assert.All(rig.Events.Of<CallSupervised>(), e => Assert.Equal(("3001", "1001"), (e.Supervisor, e.Agent)));
        Assert.Empty(rig.Supervisors.GetSessions());
    }

    [Fact]
    public async Task SupervisorHangsUp_TheCallGoesOn_AndCanBeSupervisedAgain()
    {
        await using var rig = new CallRig();
        var (_, agent, callId) = rig.AnsweredCall();
        rig.Phones.Register("3001");
        rig.Supervisors.Start(callId, "3001", SupervisionMode.Barge);
        var supervisor = rig.Port.WaitForPlaced("3001");
        supervisor.PeerAnswers(TestSdp.Audio(40_060));

        supervisor.PeerEnds(LegEndCause.HungUp);
        rig.Events.WaitFor<CallSupervised>(2);

        Assert.Equal("ended", rig.Events.Of<CallSupervised>()[^1].Change);
        Assert.Equal(CallPhase.Answered, rig.Manager.GetCall(callId)!.Phase);
        Assert.DoesNotContain("hangup", agent.Commands);
        Assert.Equal(SupervisionStart.Ringing, rig.Supervisors.Start(callId, "3001", SupervisionMode.Listen));
    }

    [Fact]
    public async Task Start_Refusals_NamedInCallTerms()
    {
        await using var rig = new CallRig();
        var (_, _, callId) = rig.AnsweredCall();
        rig.Phones.Register("3001");
        rig.Phones.Register("3002");

        Assert.Equal(SupervisionStart.NotAnswered, rig.Supervisors.Start(Guid.NewGuid(), "3001", SupervisionMode.Listen));
        Assert.Equal(SupervisionStart.SupervisorNotRegistered, rig.Supervisors.Start(callId, "3999", SupervisionMode.Listen));
        Assert.Equal(SupervisionStart.SupervisorOnTheCall, rig.Supervisors.Start(callId, "1001", SupervisionMode.Listen));
        Assert.Equal(SupervisionStart.Ringing, rig.Supervisors.Start(callId, "3001", SupervisionMode.Listen));
        Assert.Equal(SupervisionStart.AlreadySupervised, rig.Supervisors.Start(callId, "3002", SupervisionMode.Listen));
        Assert.Single(rig.Port.Placed, l => l.Offer!.Target.Number is "3001" or "3002");
    }

    [Fact]
    public async Task Stop_WhileThePhoneStillRings_WithdrawsTheOffer()
    {
        await using var rig = new CallRig();
        var (_, _, callId) = rig.AnsweredCall();
        rig.Phones.Register("3001");
        rig.Supervisors.Start(callId, "3001", SupervisionMode.Listen);
        var supervisor = rig.Port.WaitForPlaced("3001");

        Assert.True(await rig.Supervisors.StopAsync(callId));

        supervisor.WaitForCommand("hangup");
        Assert.Null(rig.Supervisors.Get(callId));
        Assert.False(await rig.Supervisors.StopAsync(callId));
    }
}
