using System.Net;
using System.Text.RegularExpressions;
using ContactCenter.TestKit;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The wallboard and agent state control in headless Chromium; who may open what.</summary>
[Collection(WebAdminCollection.Name)]
[Trait("Category", "Interop")]
public sealed class WallboardTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    [Fact]
    public async Task AgentTakesBreakOnDesk_WallboardShowsItLive()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await rig.AddPhoneAsync("1001", "agent-answer.xml");
        var desk = await rig.SignInAsync("1001", "pw1001", "desk.html");
        var wall = await rig.SignInAsync("3002", "pw3002", "desk.html");
        await wall.GotoAsync("/wallboard.html");
        await WebRig.WaitReadyAsync(wall);
        await WebRig.WaitLiveAsync(wall);
        await Expect(desk.Locator("#my-state [data-state]")).ToHaveAttributeAsync("data-state", "available");
        await Expect(wall.Locator("#waiting-operators")).ToHaveTextAsync("0");
        await Expect(wall.Locator("#agents-available")).ToHaveTextAsync("1");

        await desk.FillAsync("#break-reason", "lunch");
        await desk.Keyboard.PressAsync("Alt+B");

        await Expect(desk.Locator("#my-state [data-state]")).ToHaveAttributeAsync("data-state", "break");
        await Expect(desk.Locator("#my-reason")).ToHaveTextAsync("(lunch)");
        await Expect(wall.Locator("#agents-break")).ToHaveTextAsync("1", new() { Timeout = 4_000 });
        await Expect(wall.Locator("#agents-available")).ToHaveTextAsync("0");
        await Screenshots.SaveAsync(wall, "wallboard");
    }

    [Fact]
    public async Task CallAnsweredInTime_WallboardShowsTodaysServiceLevel()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await rig.AddPhoneAsync("1001", "agent-answer.xml");
        var wall = await rig.SignInAsync("3002", "pw3002", "desk.html");
        await wall.GotoAsync("/wallboard.html");
        await WebRig.WaitReadyAsync(wall);
        await WebRig.WaitLiveAsync(wall);
        await Expect(wall.Locator("#sl-operators")).ToHaveTextAsync("-");
        await Expect(wall.Locator("#sl-operators + .figure-label")).ToHaveTextAsync("service level today (within 20 s)");

        var caller = await rig.CallAsync("84951000003", TimeSpan.FromSeconds(1)); // the operator queue; 1001 answers at once

        Assert.True(caller.ExitCode == 0, caller.Output + caller.Errors + rig.Host.Output);
        await Expect(wall.Locator("#sl-operators")).ToHaveTextAsync("100 %", new() { Timeout = 10_000 });
        await Expect(wall.Locator("#answered-today-operators")).ToHaveTextAsync("1");
        await Expect(wall.Locator("#abandoned-today-operators")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task Pages_ByRole_OperatorIsSentFromAdminConsoleAndHubNeedsSignIn()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("1001", "pw1001", "desk.html");
        await Expect(page.Locator("header nav")).Not.ToContainTextAsync("Admin console");

        await page.GotoAsync("/admin.html");

        await Expect(page).ToHaveURLAsync(new Regex("/desk\\.html$"), new() { Timeout = 15_000 });
        await WebRig.WaitReadyAsync(page);
        using var anonymous = rig.Host.CreateClient();
        using var negotiate = await anonymous.PostAsync(new Uri("hubs/desk/negotiate?negotiateVersion=1", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }
}
