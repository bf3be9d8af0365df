using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Interop.Tests;

/// <summary>Do-not-call from the softphone (issue #18): a sipp agent dialling a client who asked not to be called is refused and it is audited.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class DoNotCallDialOutTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task AgentDialsOut_ClientMarkedDoNotCall_Gets403_LoggedAndAudited_AllowedAgainWhenCleared()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        using var operatorClient = rig.Host.CreateClient("1001", "pw1001");
        var card = await operatorClient.GetFromJsonAsync<JsonElement>("api/clients/by-phone/84951000003/card");
        var clientId = card.GetProperty("id").GetString();

        using var marked = await operatorClient.PutAsJsonAsync($"api/clients/{clientId}/do-not-call", new { doNotCall = true, reason = "asked on the phone" });
        var refused = await DialAsync(rig, "agent-dialout-forbidden.xml");
        using var cleared = await operatorClient.PutAsJsonAsync($"api/clients/{clientId}/do-not-call", new { doNotCall = false });
        var carrier = Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), rig.Host.SipTarget, rig.TrunkPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-rtp_echo"], timeout: TimeSpan.FromSeconds(40));
        await Task.Delay(500);
        var allowed = await DialAsync(rig, "agent-dialout.xml", "-d", "2000");

        Assert.True(marked.IsSuccessStatusCode, await marked.Content.ReadAsStringAsync());
        Assert.True(refused.ExitCode == 0, rig.Diagnostics(refused));
        Assert.Contains("Outbound call refused: extension 1001 to +74951000003 (softphone): do_not_call", rig.Host.Output, StringComparison.Ordinal);
        Assert.True(cleared.IsSuccessStatusCode);
        Assert.True(allowed.ExitCode == 0, rig.Diagnostics(allowed));
        Assert.True((await carrier).ExitCode == 0);
        var audited = false;
        for (var i = 0; i < 100 && !audited; i++)
        {
            await using var db = CrmDatabaseFixture.CreateContext(rig.ConnectionString);
            audited = await db.Audit.AnyAsync(a => a.Action == "outbound-refused" && a.UserName == "1001" && a.EntityId == "+74951000003"
                && a.Details!.Contains("refusal=do_not_call"));
            await Task.Delay(audited ? 0 : 100);
        }

        Assert.True(audited, "the refusal is in the audit log");
    }

    private static Task<SippResult> DialAsync(CallRig rig, string scenario, params string[] more) =>
        Sipp.RunAsync(Sipp.Scenario(scenario), rig.Host.SipTarget, FreePorts.Next(), extraArguments:
            ["-key", "ext", "1001", "-au", "1001", "-ap", "pw1001", "-key", "dialed", "84951000003", "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), .. more]);
}
