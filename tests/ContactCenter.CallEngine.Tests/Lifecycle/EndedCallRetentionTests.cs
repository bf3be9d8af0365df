using System.Runtime.CompilerServices;
using ContactCenter.Sessions;
using ContactCenter.TestKit.Sessions;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>
/// The session layer keeps an ended leg's session (and the events object the engine gave it) while its transactions absorb
/// retransmissions, up to 32 s over UDP. An ended call must not live on through it: at 1,000 calls/s that was ~30,000
/// calls with their media and sockets in the heap (issue #14). The fake legs here keep their events objects as the real
/// sessions do.
/// </summary>
public sealed class EndedCallRetentionTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnsweredCall_EitherPartyHangsUp_CallCollectedWhileItsLegsStillHoldTheirEvents(bool callerHangsUp)
    {
        await using var rig = new CallRig();
        var (caller, agent, callId) = rig.AnsweredCall();
        var call = WeakCall(rig, callId);

        (callerHangsUp ? caller : agent).PeerEnds(LegEndCause.HungUp);
        if (callerHangsUp)
        {
            agent.WaitForCommand("hangup");
        }
        else
        {
            caller.WaitForCommand("reject:HungUp"); // the answered caller's leg ends with BYE
        }

        rig.WaitForNoCalls();

        Assert.NotNull(caller.Events);
        Assert.NotNull(agent.Events);
        Assert.True(Collected(call), "the ended call is still reachable from its legs' events");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakCall(CallRig rig, Guid callId) => new(rig.Manager.Find(callId) ?? throw new InvalidOperationException("no call"));

    private static bool Collected(WeakReference reference)
    {
        for (var i = 0; i < 20 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(50); // the call's last steps may still be finishing on the pool
        }

        return !reference.IsAlive;
    }
}
