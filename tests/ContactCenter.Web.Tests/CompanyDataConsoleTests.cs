using System.Text;
using ContactCenter.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>Issue #18: the company-data page in headless Chromium - a client's master data edited, a file imported with a bad row.</summary>
[Collection(WebAdminCollection.Name)]
[Trait("Category", "Interop")]
public sealed class CompanyDataConsoleTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    [Fact]
    public async Task Client_EditedInConsole_BadManagerNamedByTheField_ThenSavedAndListed()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await OpenAsync(rig, "clients");
        await page.FillAsync("#client-search", "Arbat");
        await page.ClickAsync("#client-search-form button[type=submit]");
        var row = page.Locator("#clients tr", new() { HasText = "Arbat Foods" });
        await row.Locator("button.client-edit").ClickAsync();
        await Expect(page.Locator("#client-editor-title")).ToHaveTextAsync("Client: Arbat Foods");

        await page.FillAsync("#client-form [name=manager]", "1001");
        await page.FillAsync("#client-form [name=creditLimit]", "650000");
        await page.ClickAsync("#client-save");
        await Expect(page.Locator("#client-editor [data-error-for=manager]")).ToHaveTextAsync("1001 (Anna Petrova) is not a manager.");
        await page.FillAsync("#client-form [name=manager]", "2002");
        await page.ClickAsync("#client-save");

        await Expect(page.Locator("#client-banner")).ToHaveTextAsync("Saved Arbat Foods.");
        await Expect(row).ToContainTextAsync("650,000.00");
        await Expect(row).ToContainTextAsync("2002");
        await Expect(page.Locator("#receivables-panel")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "company-data-clients");

        // The catalog tabs show the demo's products and their prices in the list in force.
        await page.ClickAsync("#tabs button[data-tab=products]");
        await Expect(page.Locator("#products tr[data-sku='MLK-32']")).ToContainTextAsync("Milk 3.2%, 1 l");
        await page.ClickAsync("#tabs button[data-tab=prices]");
        await Expect(page.Locator("#price-list-info")).ToContainTextAsync("in force today");
        await Expect(page.Locator("#prices tr[data-sku='MLK-32'] input").First).ToHaveValueAsync("89");
    }

    [Fact]
    public async Task Import_FileWithABadRow_ProblemShownByLine_GoodRowsAppliedWithProgress()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await OpenAsync(rig, "import");
        const string file = "externalId;name;type;phones;creditLimit\nWEB-1;Ladoga Fish;regional;+7 812 700-00-01;50 000\nWEB-2;Nowhere Ltd;wholesaler;+7 812 700-00-02;lots\n";
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "clients.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(file) });

        await page.ClickAsync("#import-check");
        await Expect(page.Locator("#import-summary")).ToHaveTextAsync("2 row(s) read: 1 good, 1 with problems. Nothing is written until you apply the good rows.");
        await Expect(page.Locator("#import-problems tr[data-line='3']")).ToHaveCountAsync(2);
        await Expect(page.Locator("#import-problems")).ToContainTextAsync("'lots' cannot be read as a number.");
        await Expect(page.Locator("#import-phase")).ToHaveTextAsync("done");
        await page.ClickAsync("#import-apply");

        await Expect(page.Locator("#import-summary")).ToHaveTextAsync("Applied: 1 created, 0 updated, 0 unchanged; 1 row(s) left out.");
        await Expect(page.Locator("#import-apply")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "company-data-import");
        await page.ClickAsync("#tabs button[data-tab=clients]");
        await page.FillAsync("#client-search", "WEB-");
        await page.ClickAsync("#client-search-form button[type=submit]");
        await Expect(page.Locator("#clients")).ToContainTextAsync("Ladoga Fish");
        await Expect(page.Locator("#clients")).Not.ToContainTextAsync("Nowhere");
    }

    [Fact]
    public async Task PromotionAndDocument_KeptInConsole_BadFieldsNamed_FileUploadedAndListed()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await OpenAsync(rig, "promotions");
        await page.ClickAsync("#promotion-new");
        await page.FillAsync("#promotion-form [name=name]", "Kefir week");
        await page.FillAsync("#promotion-form [name=startsOn]", "2026-12-01");
        await page.FillAsync("#promotion-form [name=endsOn]", "2026-11-01");
        await page.ClickAsync("#promotion-save");
        await Expect(page.Locator("#promotion-editor [data-error-for=endsOn]")).ToContainTextAsync("is before the first");
        await Expect(page.Locator("#promotion-editor [data-error-for=discountPercent]")).ToContainTextAsync("Give a discount");
        await page.FillAsync("#promotion-form [name=endsOn]", "2099-12-31");
        await page.FillAsync("#promotion-form [name=discountPercent]", "7.5");
        await page.FillAsync("#promotion-form [name=products]", "KEF-25");
        await page.CheckAsync("#promotion-types input[value=retail]");
        await page.ClickAsync("#promotion-save");
        await Expect(page.Locator("#promotion-banner")).ToHaveTextAsync("Saved Kefir week.");
        await Expect(page.Locator("#promotions tr[data-promotion='Kefir week']")).ToContainTextAsync("7.5% off KEF-25");

        await page.ClickAsync("#tabs button[data-tab=documents]");
        await page.ClickAsync("#document-new");
        await page.FillAsync("#document-form [name=title]", "Delivery terms, Moscow");
        await page.SelectOptionAsync("#document-form [name=kind]", "delivery-terms");
        await page.FillAsync("#document-form [name=body]", "Next day for orders before 16:00.");
        await page.SetInputFilesAsync("#document-form [name=file]", new FilePayload
        {
            Name = "terms.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00],
        });
        await page.ClickAsync("#document-save");
        await Expect(page.Locator("#document-editor [data-error-for=file]")).ToContainTextAsync("judged by its content");
        await page.SetInputFilesAsync("#document-form [name=file]", new FilePayload
        {
            Name = "terms.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n% terms\n%%EOF\n"),
        });
        await page.ClickAsync("#document-save");

        await Expect(page.Locator("#document-banner")).ToHaveTextAsync("Saved Delivery terms, Moscow with terms.pdf.");
        await Expect(page.Locator("#documents tr[data-title='Delivery terms, Moscow']")).ToContainTextAsync("terms.pdf");
        await Screenshots.SaveAsync(page, "company-data-documents");
    }

    [Fact]
    public async Task Promotions_DepartmentHead_ReachesThemFromTheHeader_SeesOnlyThatTab_AndPutsOneInForce()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("3001", "pw3001", "desk.html");
        await page.ClickAsync("header.bar nav a:text-is('Promotions')");
        await WebRig.WaitReadyAsync(page);

        await Expect(page.Locator("header.bar h1")).ToHaveTextAsync("Promotions");
        await Expect(page.Locator("#tabs button:visible")).ToHaveTextAsync(["Promotions"]);
        await Expect(page.Locator("#tab-clients")).ToBeHiddenAsync();
        await page.ClickAsync("#promotion-new");
        await page.FillAsync("#promotion-form [name=name]", "Butter month");
        await page.FillAsync("#promotion-form [name=startsOn]", "2026-12-01");
        await page.FillAsync("#promotion-form [name=endsOn]", "2099-12-31");
        await page.FillAsync("#promotion-form [name=discountPercent]", "5");
        await page.FillAsync("#promotion-form [name=products]", "BTR-82");
        await page.ClickAsync("#promotion-save");

        await Expect(page.Locator("#promotion-banner")).ToHaveTextAsync("Saved Butter month.");
        await Expect(page.Locator("#promotions tr[data-promotion='Butter month']")).ToContainTextAsync("5% off BTR-82");
        await Screenshots.SaveAsync(page, "promotions-head");
        var operatorPage = await rig.SignInAsync("1001", "pw1001", "desk.html");
        await operatorPage.GotoAsync("/data.html");
        await operatorPage.WaitForURLAsync("**/desk.html");
    }

    private static async Task<IPage> OpenAsync(WebRig rig, string tab)
    {
        var page = await rig.SignInAsync("admin", "admin-demo", "admin.html");
        await page.GotoAsync("/data.html#" + tab);
        await WebRig.WaitReadyAsync(page);
        return page;
    }
}
