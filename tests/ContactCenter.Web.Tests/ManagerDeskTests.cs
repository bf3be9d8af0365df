using ContactCenter.TestKit;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The manager's desktop in headless Chromium: a call the operator transfers pops the card with who transferred it and why.</summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class ManagerDeskTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    [Fact]
    public async Task CallTransferredToClientsManager_PopsCardWithWhoAndWhy()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await rig.AddPhoneAsync("1001", "agent-answer.xml");
        await rig.AddPhoneAsync("2101", "agent-answer.xml");
        var operatorDesk = await rig.SignInAsync("1001", "pw1001", "desk.html");
        var managerDesk = await rig.SignInAsync("2101", "pw2101", "desk.html");
        await WebRig.WaitLiveAsync(operatorDesk);
        await WebRig.WaitLiveAsync(managerDesk);
        await Expect(managerDesk.Locator("#my-clients tr", new() { HasText = "Late Payer" }).Locator("[data-debt=overdue]")).ToHaveCountAsync(1);
        await Expect(managerDesk.Locator("#my-clients tr", new() { HasText = "Corner Shop" }).Locator("[data-debt=ok]")).ToHaveCountAsync(1);
        var call = rig.CallAsync("84951000003", TimeSpan.FromSeconds(8));   // Corner Shop, manager 2101
        await Expect(operatorDesk.Locator("#call-phase")).ToHaveTextAsync("answered", new() { Timeout = 15_000 });

        await operatorDesk.FillAsync("#transfer-reason", "asks about a contract discount");
        await operatorDesk.Keyboard.PressAsync("Alt+M");

        await Expect(operatorDesk.Locator("#call-banner")).ToContainTextAsync("Transferring to 2101");
        await Expect(managerDesk.Locator("#card-name")).ToHaveTextAsync("Corner Shop", new() { Timeout = 15_000 });
        await Expect(managerDesk.Locator("#call-transfer")).ToHaveTextAsync("Transferred by 1001: asks about a contract discount");
        await Expect(managerDesk.Locator("#call-phase")).ToHaveTextAsync("answered", new() { Timeout = 15_000 });
        await Expect(managerDesk.Locator("#manager-panel")).ToBeVisibleAsync();
        await Expect(operatorDesk.Locator("#call-phase")).ToHaveTextAsync("ended", new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(managerDesk, "manager-desk");
        var caller = await call;
        Assert.True(caller.ExitCode == 0, caller.Output + caller.Errors + rig.Host.Output);
    }
}
