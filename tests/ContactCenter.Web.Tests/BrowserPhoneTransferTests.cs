using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;
using Microsoft.Playwright;
using static ContactCenter.Web.Tests.BrowserPhonePage;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// An attended transfer from the desk's browser phone (Chromium with fake media, JsSIP): the agent holds the client,
/// consults a colleague in a second call from the page, then completes the transfer (REFER with Replaces) or goes back.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class BrowserPhoneTransferTests(CrmDatabaseFixture database, BrowserFixture browser, FakeMediaChromium media) : IClassFixture<FakeMediaChromium>
{
    private const string Consultation = "window.browserPhone?.call?.consultation?.session?.connection";
    [Fact]
    public async Task AttendedTransfer_AgentConsultsAColleagueThenCompletes_TheClientTalksToTheColleague()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");
        var caller = rig.CallAsync("84951000003", TimeSpan.FromSeconds(25));
        await AnswerAsync(page);
        await WaitInboundAsync(rig, page, packets: 25);
        // 1002 (a sipp phone that echoes what it hears) registers only now, so that the client's call came to the browser.
        await rig.AddPhoneAsync("1002", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");

        await page.FillAsync("#phone-consult-to", "1002");
        await page.ClickAsync("#phone-consult");

        await Expect(page.Locator("#phone-hold")).ToHaveAttributeAsync("aria-pressed", "true", Soon);
        await Expect(page.Locator("#phone-consultation")).ToHaveAttributeAsync("data-consult", "talking", Soon);
        // The agent hears the colleague (1002 echoes the page's microphone back through the consultation call).
        await WaitInboundAsync(rig, page, packets: 25, Consultation);
        Assert.Equal(2, (await LiveCallsAsync(admin)).Count);

        await page.ClickAsync("#phone-consult-complete");

        // Both of the agent's calls end in the page; the client's call goes on with 1002 (the consultation is gone).
        await Expect(page.Locator("#phone-consultation")).ToHaveAttributeAsync("data-consult", "idle", Soon);
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "idle", Soon);
        await WebRig.EventuallyAsync(async () => await LiveCallsAsync(admin) is [{ AgentExtension: "1002" }], "the client's call is 1002's alone");
        var result = await caller;
        Assert.True(result.ExitCode == 0, result.Output + result.Errors + rig.Host.Output);
        var transferred = await TimelineEventAsync(admin, "CallTransferred");
        Assert.Equal("Attended", Property(transferred, "kind").ToString());
        Assert.Equal("1002", Property(transferred, "toTarget").GetString());
        Assert.Equal("1001", Property(transferred, "fromExtension").GetString());
    }

    [Fact]
    public async Task Consultation_AgentGoesBack_TheClientIsResumedAndTheColleagueHungUp()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");
        var caller = rig.CallAsync("84951000003", TimeSpan.FromSeconds(25));
        await AnswerAsync(page);
        await rig.AddPhoneAsync("1002", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        await page.FillAsync("#phone-consult-to", "1002");
        await page.ClickAsync("#phone-consult");
        await Expect(page.Locator("#phone-consultation")).ToHaveAttributeAsync("data-consult", "talking", Soon);

        await page.ClickAsync("#phone-consult-back");

        await Expect(page.Locator("#phone-consultation")).ToHaveAttributeAsync("data-consult", "idle", Soon);
        await Expect(page.Locator("#phone-hold")).ToHaveAttributeAsync("aria-pressed", "false", Soon);
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "talking");
        await WebRig.EventuallyAsync(async () => await LiveCallsAsync(admin) is [{ AgentExtension: "1001" }], "only the client's call with 1001 is left");
        var result = await caller;
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        var timeline = await TimelineAsync(admin);
        Assert.Contains("CallResumed", timeline.Select(e => e.GetProperty("type").GetString()));
        Assert.DoesNotContain("CallTransferred", timeline.Select(e => e.GetProperty("type").GetString()));
    }

    private static async Task<List<LiveCall>> LiveCallsAsync(HttpClient admin) => (await admin.GetFromJsonAsync<List<LiveCall>>("api/live-calls"))!;

    /// <summary>The client's call (from +74951000003) in the call log once it ended: its timeline.</summary>
    private static async Task<List<JsonElement>> TimelineAsync(HttpClient admin)
    {
        List<JsonElement> timeline = [];
        await WebRig.EventuallyAsync(async () =>
        {
            var calls = await admin.GetFromJsonAsync<JsonElement>("api/calls?agent=1001");
            var client = calls.GetProperty("items").EnumerateArray().FirstOrDefault(c => c.ToString().Contains("4951000003", StringComparison.Ordinal));
            if (client.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var detail = await admin.GetFromJsonAsync<JsonElement>($"api/calls/{client.GetProperty("id").GetGuid()}");
            timeline = [.. detail.GetProperty("timeline").EnumerateArray()];
            return timeline.Any(e => e.GetProperty("type").GetString() == "CallEnded");
        }, "the client's call is logged with its end");
        return timeline;
    }

    private static async Task<JsonElement> TimelineEventAsync(HttpClient admin, string type) =>
        Assert.Single(await TimelineAsync(admin), e => e.GetProperty("type").GetString() == type).GetProperty("data");

    private static JsonElement Property(JsonElement data, string name) =>
        data.EnumerateObject().Single(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    private sealed record LiveCall(Guid CallId, string? AgentExtension);
}
