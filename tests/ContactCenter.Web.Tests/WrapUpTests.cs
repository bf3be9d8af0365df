using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>Wrap-up on the desktop: the disposition of the call just ended, and wrap-up as a state the operator chooses.</summary>
[Collection(WebAdminCollection.Name)]
[Trait("Category", "Interop")]
public sealed class WrapUpTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task CallEnded_OperatorPicksDisposition_StoredOnTheCallRecord()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await rig.AddPhoneAsync("1001", "agent-answer.xml");
        var page = await rig.SignInAsync("1001", "pw1001", "desk.html");
        await WebRig.WaitLiveAsync(page);
        var caller = await rig.CallAsync("84951000003", TimeSpan.FromSeconds(2));
        Assert.True(caller.ExitCode == 0, caller.Output + caller.Errors + rig.Host.Output);
        await Expect(page.Locator("#disp-call")).ToHaveTextAsync("Call with +74951000003 ended.", Soon);
        var callId = await page.Locator("#wrapup-panel").GetAttributeAsync("data-call-id");

        await page.ClickAsync("#disp-save");
        await Expect(page.Locator("#wrapup-panel [data-error-for=disposition]")).ToContainTextAsync("order-taken");
        await page.SelectOptionAsync("#disp-code", "order-taken");
        await page.FillAsync("#disp-note", "20 boxes of yoghurt");
        await page.Keyboard.PressAsync("Alt+U");

        await Expect(page.Locator("#disp-banner")).ToHaveTextAsync("Saved: Order taken.", Soon);
        await Expect(page.Locator("#wrapup-panel [data-error-for=disposition]")).ToHaveTextAsync("");
        using var api = rig.Host.CreateClient("1001", "pw1001");
        var call = await api.GetFromJsonAsync<JsonElement>($"api/calls/{callId}");
        Assert.Equal("order-taken", call.GetProperty("summary").GetProperty("disposition").GetString());
        Assert.Equal("20 boxes of yoghurt", call.GetProperty("summary").GetProperty("dispositionNote").GetString());
    }

    [Fact]
    public async Task WrapUpState_ChosenOnDesk_ShownThenLeftByChoosingAvailable()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await rig.AddPhoneAsync("1002", "agent-answer.xml");
        var page = await rig.SignInAsync("1002", "pw1002", "desk.html");
        await Expect(page.Locator("#my-state [data-state]")).ToHaveAttributeAsync("data-state", "available");

        await page.ClickAsync("#go-wrapup");

        await Expect(page.Locator("#my-state [data-state]")).ToHaveAttributeAsync("data-state", "wrap-up");
        await Expect(page.Locator("#my-reason")).ToContainTextAsync("until");
        using var api = rig.Host.CreateClient("admin", "admin-demo");
        var explained = await api.GetFromJsonAsync<JsonElement>("api/routing/explain?from=84951000003&to=7000");
        Assert.Contains(explained.GetProperty("candidates").EnumerateArray(),
            c => c.GetProperty("extension").GetString() == "1002" && c.GetProperty("verdict").GetString()!.StartsWith("in wrap-up", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Alt+A");
        await Expect(page.Locator("#my-state [data-state]")).ToHaveAttributeAsync("data-state", "available");
    }
}
