using System.Text.RegularExpressions;
using ContactCenter.TestKit;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>Issue #16: SIP extensions managed in the admin console (password shown once, disable, create).</summary>
[Collection(WebAdminCollection.Name)]
[Trait("Category", "Interop")]
public sealed partial class SipAccountsConsoleTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    [Fact]
    public async Task SipExtension_NewPasswordDisableAndCreateInConsole_ListFollows()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("admin", "admin-demo", "admin.html");
        var row1001 = page.Locator("#sip-accounts tr[data-extension='1001']");
        await Expect(row1001).ToContainTextAsync("sip.json");

        await row1001.Locator("button.sip-reset").ClickAsync();
        await Expect(page.Locator("#sip-banner")).ToHaveTextAsync(NewPassword("1001"));
        await Expect(row1001).ToContainTextAsync("database");
        await row1001.Locator("button.sip-toggle").ClickAsync();
        await Expect(row1001.Locator(".sip-active")).ToHaveTextAsync("no");
        await page.FillAsync("#sip-new-ext", "x1");
        await page.ClickAsync("#sip-create");
        await Expect(page.Locator("[data-error-for=extension]")).ToContainTextAsync("2 to 16 digits");
        await page.FillAsync("#sip-new-ext", "6001");
        await page.FillAsync("#sip-new-name", "New agent");
        await page.ClickAsync("#sip-create");

        await Expect(page.Locator("#sip-banner")).ToHaveTextAsync(NewPassword("6001"));
        await Expect(page.Locator("#sip-accounts tr[data-extension='6001']")).ToContainTextAsync("New agent");
    }

    private static Regex NewPassword(string extension) => new($"^SIP password of {extension}: [A-Za-z0-9]{{20}} \\(shown only now");
}
