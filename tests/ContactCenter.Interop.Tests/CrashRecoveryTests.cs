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
        using (var api = rig.Host.CreateClient("admin", "admin-demo"))
        {
            // The caller waits for the far end's BYE (up to 90 s): it gets one only if the restarted host ends the call.
            var caller = rig.CallAsync("trunk-call-remote-bye.xml", caller: Caller, timeout: TimeSpan.FromSeconds(90));
            await CallRig.WaitForLiveCallAsync(api, answered: true);
            await Task.Delay(TimeSpan.FromSeconds(1));

            await rig.CrashAndRestartAsync();
            var hungUp = await caller;

            Assert.True(hungUp.ExitCode == 0, "the carrier's leg got no BYE after the restart:\n" + rig.Diagnostics(hungUp));
        }

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
        using (var api = rig.Host.CreateClient("admin", "admin-demo"))
        {
            var caller = rig.CallAsync("trunk-call-remote-bye.xml", caller: "84957770031", timeout: TimeSpan.FromSeconds(90));
            await CallRig.WaitForLiveCallAsync(api, answered: true);
            await Task.Delay(TimeSpan.FromSeconds(1));

            await rig.CrashAndRestartAsync();
            var hungUp = await caller;

            Assert.True(hungUp.ExitCode == 0, "the carrier's leg got no BYE after the restart:\n" + rig.Diagnostics(hungUp));
        }

        Assert.True(await WaitForAsync(() => rig.Host.CountInOutput("left open by a crash ended: BYE to ") == 2), rig.Diagnostics());
        Assert.True(rig.Host.CountInOutput(" answered 200") == 1, rig.Diagnostics());
        Assert.Matches(@"the phone at sip:1001@127\.0\.0\.1:\d+;transport=TCP was reached over Tcp on a connection that died with the last run, and no new connection reached a listener there",
            rig.Host.Output);
        var call = await rig.WaitForEndedCallFromAsync("+74957770031");
        Assert.Equal((CallEndedBy.System, "1001"), (call.EndedBy, call.AnsweredBy));
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
