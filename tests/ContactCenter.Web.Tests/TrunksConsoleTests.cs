using ContactCenter.TestKit;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// Issue #17: carrier trunks in the admin console - the configured one read-only, a new one with its numbers and codecs,
/// field errors beside their fields (a caller ID, "require TLS and SRTP" over UDP).
/// </summary>
[Collection(WebAdminCollection.Name)]
[Trait("Category", "Interop")]
public sealed class TrunksConsoleTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    [Fact]
    public async Task Trunks_ConfiguredReadOnly_NewTrunkWithNumbers_BadCallerIdShownAtItsField_PasswordNeverShown()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("admin", "admin-demo", "admin.html");
        await Expect(page.Locator("#trunks tr[data-trunk='trunk']")).ToContainTextAsync("configuration");

        var form = page.Locator("#trunk-form");
        await form.Locator("[name=name]").FillAsync("carrier-b");
        await form.Locator("[name=address]").FillAsync("127.0.0.1");
        await form.Locator("[name=port]").FillAsync("5092");
        await form.Locator("[name=authUser]").FillAsync("cc-b");
        await form.Locator("[name=password]").FillAsync("console-s3cret");
        await form.Locator("[name=callerId]").FillAsync("12345");
        await form.Locator("[name=prefixes]").FillAsync("+7495, +7800");
        await form.Locator("[name=numbers]").FillAsync("74951234500 7000\n74951234501 1002");
        await form.Locator("[name=codecs]").FillAsync("pcma, telephone-event");
        await form.Locator("[name=requireTlsAndSrtp]").CheckAsync(); // over UDP: refused
        await page.ClickAsync("#trunk-save");
        await Expect(page.Locator("[data-error-for=callerId]")).ToContainTextAsync("E.164");
        await Expect(page.Locator("[data-error-for=requireTlsAndSrtp]")).ToContainTextAsync("TLS");

        await form.Locator("[name=callerId]").FillAsync("+74951234500");
        await form.Locator("[name=requireTlsAndSrtp]").UncheckAsync();
        await page.ClickAsync("#trunk-save");

        var row = page.Locator("#trunks tr[data-trunk='carrier-b']");
        await Expect(row).ToContainTextAsync("udp:127.0.0.1:5092");
        await Expect(row.Locator(".trunk-numbers")).ToContainTextAsync("74951234501 → 1002");
        await Expect(row.Locator(".trunk-media")).ToHaveTextAsync("PCMA telephone-event");
        await Expect(page.Locator("#trunk-banner")).ToContainTextAsync("Trunk carrier-b saved.");
        await row.Locator("button.trunk-edit").ClickAsync();
        await Expect(form.Locator("[name=password]")).ToHaveAttributeAsync("placeholder", "unchanged (stored)");
        await Expect(form.Locator("[name=password]")).ToHaveValueAsync("");
        Assert.DoesNotContain("console-s3cret", await page.ContentAsync(), StringComparison.Ordinal);
    }
}
