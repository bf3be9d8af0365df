using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>A graceful stop (SIGTERM, as <c>systemctl stop</c> sends) drains: new calls refused, live ones finish.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class DrainTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Sigterm_DuringACall_NewCallGets503RetryAfter_LiveCallFinishes_HostExitsZero()
    {
        await using var rig = await CallRig.StartAsync(fixture, "--Drain:Timeout=00:00:40");
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        using var api = rig.Host.CreateClient("admin", "admin-demo");
        var live = rig.CallAsync("trunk-call.xml", caller: "84957770003", pause: TimeSpan.FromSeconds(12));
        await CallRig.WaitForLiveCallAsync(api, answered: true);

        var stopped = rig.Host.TerminateAsync(TimeSpan.FromSeconds(60));
        // The new call is sent once the host is draining (a loaded machine may take more than a second to act on SIGTERM).
        await rig.Host.OutputContainingAsync("new calls refused with 503", TimeSpan.FromSeconds(15));
        var refused = await Sipp.RunAsync(Sipp.Scenario("trunk-draining.xml"), rig.Host.SipTarget, FreePorts.Next(),
            extraArguments: ["-key", "dialed", "7000", "-key", "caller", "84957770004"], timeout: TimeSpan.FromSeconds(20));
        var caller = await live;
        var exitCode = await stopped;

        Assert.True(refused.ExitCode == 0, "the new call was not refused with 503 + Retry-After:\n" + refused.Output + refused.Errors + rig.Diagnostics());
        Assert.True(caller.ExitCode == 0, "the live call did not finish normally:\n" + rig.Diagnostics(caller));
        Assert.True(exitCode == 0, $"host exit code {exitCode}:\n{rig.Host.Output}");
        Assert.Contains("new calls refused with 503", rig.Host.Output, StringComparison.Ordinal);
    }
}
