using ContactCenter.Contracts.Calls;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #15's crash recovery against sipp: the host is killed (SIGKILL) with a call up; started again as a supervisor
/// would, it sends BYE to both parties' phones (the carrier's sipp and the agent's) and closes the call's record; the call
/// finished before the kill keeps its complete record, and the agent - registered once, before the crash - is offered and
/// answers the next call (its binding came back from disk; it is not stuck in the dead call).
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class CrashRecoveryTests(CrmDatabaseFixture fixture)
{
    private const string Caller = "84957770021";

    [Fact]
    public async Task KillMinus9_WithACallUp_TheRestartedHostHangsUpBothPartiesAndClosesTheRecord()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        var before = await rig.CallAsync("trunk-call.xml", caller: "84957770022", pause: TimeSpan.FromSeconds(1));
        Assert.True(before.ExitCode == 0, rig.Diagnostics(before));
        await CrashDuringACallAsync(rig, Caller);

        var call = await rig.WaitForEndedCallFromAsync("+74957770021");
        Assert.Equal((CallEndedBy.System, "the engine restarted after a crash", "1001"), (call.EndedBy, call.EndReason, call.AnsweredBy));
        Assert.True(await WaitForAsync(() => rig.Host.Output.Contains("BYE sent in 2 dialog(s) left open", StringComparison.Ordinal)), rig.Host.Output);
        // Both phones answered the BYE: the carrier's sipp (its scenario above) and the agent's.
        Assert.True(await WaitForAsync(() => rig.Host.CountInOutput("left open by a crash ended: BYE to ") == 2), rig.Diagnostics());
        Assert.Equal(2, rig.Host.CountInOutput(" answered 200"));
        Assert.Contains("sip:1001@", rig.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be ended", rig.Host.Output, StringComparison.Ordinal);

        var finishedBefore = await rig.WaitForEndedCallFromAsync("+74957770022");
        Assert.Equal(("answered", "1001", CallEndedBy.Caller), (finishedBefore.Outcome, finishedBefore.AnsweredBy, finishedBefore.EndedBy));
        var after = await rig.CallAsync("trunk-call.xml", caller: "84957770023", pause: TimeSpan.FromSeconds(1));
        Assert.True(after.ExitCode == 0, "no call was answered after the restart:\n" + rig.Diagnostics(after));
        var next = await rig.WaitForEndedCallFromAsync("+74957770023");
        Assert.Equal(("answered", "1001"), (next.Outcome, next.AnsweredBy));
        Assert.Contains("binding(s) of the last run restored", rig.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KillMinus9_AgentOverTcpWithoutAListener_CarrierHungUpAndTheLogNamesThePhone()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        // sipp over TCP (-t t1) connects out and does not listen: after the crash its connection is gone and a new one is refused.
        await rig.AddAgentAsync("1001", "agent-answer.xml", tcp: true);
        await CrashDuringACallAsync(rig, "84957770031");

        Assert.True(await WaitForAsync(() => rig.Host.CountInOutput("left open by a crash ended: BYE to ") == 2), rig.Diagnostics());
        Assert.True(rig.Host.CountInOutput(" answered 200") == 1, rig.Diagnostics());
        Assert.Matches(@"the phone at sip:1001@127\.0\.0\.1:\d+;transport=TCP was reached over Tcp on a connection that died with the last run, and no new connection reached a listener there",
            rig.Host.Output);
        var call = await rig.WaitForEndedCallFromAsync("+74957770031");
        Assert.Equal((CallEndedBy.System, "1001"), (call.EndedBy, call.AnsweredBy));
    }

    [Fact]
    public async Task KillMinus9_AgentOverTcpWithoutAListener_RegistersAgain_GetsTheByeOverItsNewConnection()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml", tcp: true);
        await CrashDuringACallAsync(rig, "84957770032");

        Assert.Contains("its BYE waits up to 00:05:00 for 1001 to register again", await rig.Host.OutputContainingAsync("its BYE waits", TimeSpan.FromSeconds(30)),
            StringComparison.Ordinal);
        // The phone registers again on a new TCP connection from the same address (sipp cannot reconnect by itself: a new
        // sipp for 1001 stands in for it, answering the BYE that comes over that connection).
        await using var again = SippAgent.Start("1001", rig.Host.SipTarget, "agent-bye-ok.xml", TimeSpan.FromSeconds(60), tcp: true);
        var output = await rig.Host.OutputContainingAsync("over the connection it registered again on", TimeSpan.FromSeconds(30));

        Assert.Matches(@"ended: BYE to sip:1001@127\.0\.0\.1:\d+;transport=TCP over the connection it registered again on \([^)]*127\.0\.0\.1:\d+[^)]*\) answered 200",
            output);
        Assert.DoesNotContain("ends the call by its own session timer", output, StringComparison.Ordinal);
    }

    // The carrier calls from caller and, once an agent answered, the host is killed and started again; the caller waits for
    // the far end's BYE (up to 90 s): it gets one only if the restarted host ends the call.
    private static async Task CrashDuringACallAsync(CallRig rig, string caller)
    {
        using var api = rig.Host.CreateClient("admin", "admin-demo");
        var call = rig.CallAsync("trunk-call-remote-bye.xml", caller: caller, timeout: TimeSpan.FromSeconds(90));
        await CallRig.WaitForLiveCallAsync(api, answered: true);
        await Task.Delay(TimeSpan.FromSeconds(1));

        await rig.CrashAndRestartAsync();
        var hungUp = await call;

        Assert.True(hungUp.ExitCode == 0, "the carrier's leg got no BYE after the restart:\n" + rig.Diagnostics(hungUp));
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        return condition();
    }
}
