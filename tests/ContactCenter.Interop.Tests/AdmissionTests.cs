using System.Globalization;
using System.Text.RegularExpressions;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #15's admission control against sipp: beyond the concurrent-call cap or a source's INVITE rate a new INVITE gets
/// 503 with Retry-After before anything is leased, while the calls already admitted (and callers from elsewhere) go on.
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed partial class AdmissionTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task AtTheConcurrentCallCap_ANewCallGets503RetryAfter_AndIsAdmittedAgainOnceACallEnds()
    {
        await using var rig = await CallRig.StartAsync(fixture, "--Sip:Admission:MaxConcurrentCalls=1");
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        using var api = rig.Host.CreateClient("admin", "admin-demo");
        var live = rig.CallAsync("trunk-call.xml", caller: "84957770011", pause: TimeSpan.FromSeconds(8));
        await CallRig.WaitForLiveCallAsync(api, answered: true);

        var refused = await Sipp.RunAsync(Sipp.Scenario("trunk-draining.xml"), rig.Host.SipTarget, FreePorts.Next(),
            extraArguments: ["-key", "dialed", "7000", "-key", "caller", "84957770012"], timeout: TimeSpan.FromSeconds(20));
        var first = await live;
        await CallRig.WaitForNoLiveCallsAsync(api); // the first call's clean-up holds its place until it is done
        var again = await rig.CallAsync("trunk-call.xml", caller: "84957770013", pause: TimeSpan.FromSeconds(1));

        Assert.True(refused.ExitCode == 0, "the call beyond the cap was not refused with 503 + Retry-After:\n" + refused.Output + refused.Errors + rig.Diagnostics());
        Assert.True(first.ExitCode == 0, "the admitted call was disturbed:\n" + rig.Diagnostics(first));
        Assert.True(again.ExitCode == 0, "a call after the first ended was not admitted:\n" + rig.Diagnostics(again));
        Assert.Contains("TooManyCalls", rig.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInviteFloodFromOneSource_Gets503s_WhileTheCarriersCallFromElsewhereIsAnswered()
    {
        await using var rig = await CallRig.StartAsync(fixture, "--Sip:Admission:MaxInvitesPerSecondPerSource=10");
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        // 300 INVITEs at 150/s from 127.0.0.3, none ever acknowledged by a call; the carrier calls meanwhile.
        var flood = Sipp.RunAsync(Sipp.Scenario("trunk-draining.xml"), rig.Host.SipTarget, FreePorts.Next(), calls: 300,
            extraArguments: ["-key", "dialed", "7000", "-key", "caller", "84957770014", "-r", "150", "-l", "300"],
            timeout: TimeSpan.FromSeconds(30), localAddress: "127.0.0.3");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var caller = await rig.CallAsync("trunk-call.xml", caller: "84957770015", pause: TimeSpan.FromSeconds(2));
        var flooder = await flood;

        Assert.True(caller.ExitCode == 0, "the carrier's call was not answered during the flood:\n" + rig.Diagnostics(caller));
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        var metrics = await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var refused = RefusedPerSource().Match(metrics);
        Assert.True(refused.Success, "no per-source refusals in /metrics:\n" + flooder.Output);
        // At 10/s with a one-second burst, at most about 10 + 2 s x 10 of the 300 may pass to the digest challenge.
        Assert.InRange(double.Parse(refused.Groups[1].Value, CultureInfo.InvariantCulture), 250, 300);
        Assert.Contains("Admission control refused", rig.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwentyOffersOnPort65535_Get488_AndLeaveNoPortLeased()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        var before = PortPairs(await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

        var callers = await Sipp.RunAsync(Sipp.Scenario("trunk-port-65535.xml"), rig.Host.SipTarget, rig.TrunkPort, calls: 20,
            extraArguments: ["-key", "dialed", "7000", "-key", "caller", "84957770016", "-r", "10"], timeout: TimeSpan.FromSeconds(30));
        var after = PortPairs(await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        var next = await rig.CallAsync("trunk-call.xml", caller: "84957770017", pause: TimeSpan.FromSeconds(1));
        var published = PortPairsInUse().IsMatch(await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

        Assert.True(callers.ExitCode == 0, "the offers on port 65535 were not all refused with 488:\n" + rig.Diagnostics(callers));
        Assert.Equal(before, after);
        Assert.True(next.ExitCode == 0, "a good call after them was not answered:\n" + rig.Diagnostics(next));
        Assert.True(published, "the port-pair gauge is not in /metrics once a call has leased ports");
    }

    // The relay's port pairs in use (0 before the first lease publishes the series).
    private static double PortPairs(string metrics) =>
        PortPairsInUse().Match(metrics) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex("""(?m)^contactcenter_media_port_pairs[a-z_]*(?:\{[^}]*\})? ([0-9.eE+-]+)""")]
    private static partial Regex PortPairsInUse();

    [GeneratedRegex("""sip_admission_refused_total\{[^}]*Reason="SourceRateExceeded"[^}]*\} ([0-9.eE+]+)""")]
    private static partial Regex RefusedPerSource();
}
