using ContactCenter.Contracts.Calls;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Session timers (RFC 4028) on the carrier's leg with sipp as the carrier: a caller that refreshes keeps its call,
/// one that stops refreshing is hung up (BYE to both legs), and a too-small interval gets 422.
/// </summary>
[Collection(SessionTimerCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SippSessionTimerTests(CrmDatabaseFixture fixture)
{
    /// <summary>These callers send no RTP: the silence guard (60 s) must not end the calls before the session timers do.</summary>
    private const string NoSilenceGuard = "--Sip:Rtp:SilenceTimeout=00:10:00";

    [Fact]
    public async Task TrunkCall_CallerRefreshesWithReInvite_CallOutlivesTheFirstInterval()
    {
        await using var rig = await CallRig.StartAsync(fixture, NoSilenceGuard);
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        // Session-Expires 90 s: without the refresh at 45 s the engine would hang up at 60 s; the caller hangs up at 90 s.
        var caller = await rig.CallAsync("trunk-session-refresh.xml", pause: TimeSpan.FromSeconds(45), timeout: TimeSpan.FromSeconds(150),
            keys: ["-key", "se", "90"]);

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1001", call.AnsweredBy);
        Assert.Equal(CallEndedBy.Caller, call.EndedBy);
    }

    [Fact]
    public async Task TrunkCall_CallerStopsRefreshing_EngineSendsByeToBothLegs()
    {
        await using var rig = await CallRig.StartAsync(fixture, NoSilenceGuard);
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        // RFC 4028 §10: the BYE comes a third of the interval (30 s) before its end, 60 s after the answer.
        var caller = await rig.CallAsync("trunk-session-expires.xml", timeout: TimeSpan.FromSeconds(150), keys: ["-key", "se", "90"]);

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1001", call.AnsweredBy);
        Assert.Equal(CallEndedBy.System, call.EndedBy);
        Assert.Equal("session expired (no refresh from the other side) on the caller's leg", call.EndReason);
        Assert.True(call.EndedAt - call.AnsweredAt >= TimeSpan.FromSeconds(55), $"{call.AnsweredAt} -> {call.EndedAt}");
    }

    [Fact]
    public async Task TrunkCall_SessionIntervalBelowMinSE_Gets422WithMinSE()
    {
        await using var rig = await CallRig.StartAsync(fixture);

        var caller = await rig.CallAsync("trunk-session-too-small.xml", keys: ["-key", "se", "30"]);

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
    }
}
