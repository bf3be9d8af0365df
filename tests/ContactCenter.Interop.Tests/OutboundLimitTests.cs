using System.Globalization;
using System.Net.Http.Json;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Toll fraud through a stolen softphone password places many calls at once (issue #16): an extension may hold at most
/// five outbound calls together (<c>Sip:Calls:Outbound:MaxConcurrentPerExtension</c>); the sixth is refused while the
/// five talk, and they are not disturbed.
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class OutboundLimitTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task AgentDialsOut_SixthSimultaneousCall_Gets403_TheFiveGoOn()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        var carrier = Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), rig.Host.SipTarget, rig.TrunkPort, calls: 5,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(90));
        await Task.Delay(500);
        var five = Sipp.RunAsync(Sipp.Scenario("agent-dialout.xml"), rig.Host.SipTarget, FreePorts.Next(), calls: 5, extraArguments:
            ["-key", "ext", "1001", "-au", "1001", "-ap", "pw1001", "-key", "dialed", "84951000003", "-d", "20000", "-l", "5", "-r", "10",
             "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(90));
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        var talking = 0;
        for (var i = 0; i < 300 && talking < 5 && !five.IsCompleted; i++, await Task.Delay(100))
        {
            talking = (await admin.GetFromJsonAsync<List<LiveCallDto>>("api/live-calls"))!.Count(c => c.Phase == "Answered");
        }

        var sixth = await Sipp.RunAsync(Sipp.Scenario("agent-dialout-forbidden.xml"), rig.Host.SipTarget, FreePorts.Next(), extraArguments:
            ["-key", "ext", "1001", "-au", "1001", "-ap", "pw1001", "-key", "dialed", "84951000004",
             "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)]);
        var stillTalking = (await admin.GetFromJsonAsync<List<LiveCallDto>>("api/live-calls"))!.Count(c => c.Phase == "Answered");

        Assert.Equal(5, talking);
        Assert.True(sixth.ExitCode == 0, rig.Diagnostics(sixth));
        Assert.Contains("Outbound call refused: extension 1001 to +74951000004 (softphone): concurrent_limit", rig.Host.Output, StringComparison.Ordinal);
        Assert.Equal(5, stillTalking);
        var agents = await five;
        Assert.True(agents.ExitCode == 0, rig.Diagnostics(agents));
        Assert.True((await carrier).ExitCode == 0);
    }

    private sealed record LiveCallDto(Guid CallId, string Phase);
}
