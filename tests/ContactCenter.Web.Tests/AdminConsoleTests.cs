using System.Text.Json;
using System.Text.Json.Nodes;
using ContactCenter.TestKit;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The admin console in headless Chromium: a routing rule changed in the policy editor shows in the dry-run at once.</summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class AdminConsoleTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    [Fact]
    public async Task RoutingRule_ChangedInEditor_DryRunShowsTheNewRoute()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("admin", "admin-demo", "admin.html");
        var firstEntry = page.Locator("#explain-candidates tr:nth-child(2) td:nth-child(1)");
        var firstExtension = page.Locator("#explain-candidates tr:nth-child(2) td:nth-child(2)");
        await page.FillAsync("#explain-from", "84951000001");
        await page.ClickAsync("#explain-run");
        await Expect(page.Locator("#explain-rule")).ToHaveTextAsync("key-client");
        await Expect(firstEntry).ToHaveTextAsync("assigned-manager");
        await Expect(firstExtension).ToHaveTextAsync("2001");
        await Expect(page.Locator("#policy-version")).ToContainTextAsync("version");

        // An unknown extension is refused with the problem listed; nothing is saved.
        await page.FillAsync("#policy-json", WithKeyClientTargets(await page.InputValueAsync("#policy-json"), "extension:9999"));
        await page.ClickAsync("#policy-validate");
        await Expect(page.Locator("#policy-errors")).ToContainTextAsync("9999");

        // Key clients to the head of wholesale first, then their manager.
        await page.ClickAsync("#policy-reload");
        await Expect(page.Locator("#policy-json")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("key-account-managers"));
        await page.FillAsync("#policy-json", WithKeyClientTargets(await page.InputValueAsync("#policy-json"), "department-head:wholesale", "assigned-manager"));
        await page.FillAsync("#policy-comment", "key clients via the head of wholesale");
        await page.ClickAsync("#policy-validate");
        await Expect(page.Locator("#policy-banner")).ToHaveTextAsync("The policy is valid.");
        await page.ClickAsync("#policy-save");
        await Expect(page.Locator("#policy-banner")).ToContainTextAsync("Saved as version");
        await Expect(page.Locator("#policy-history")).ToContainTextAsync("key clients via the head of wholesale");
        await page.ClickAsync("#explain-run");

        await Expect(firstEntry).ToHaveTextAsync("department-head:wholesale");
        await Expect(firstExtension).ToHaveTextAsync("3001");
        await Screenshots.SaveAsync(page, "admin-console");
    }

    [Fact]
    public async Task User_CreatedInConsole_ApiErrorShownNextToTheFieldThenListed()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("admin", "admin-demo", "admin.html");
        await page.FillAsync("#new-user-name", "head2");
        await page.CheckAsync("input[name=role][value=DepartmentHead]");

        await page.FillAsync("#new-user-password", "short");
        await page.ClickAsync("#user-create");
        await Expect(page.Locator("#user-form [data-error-for=password]")).ToContainTextAsync("at least 8 characters");
        await page.FillAsync("#new-user-password", "at-least-8");
        await page.ClickAsync("#user-create");

        await Expect(page.Locator("#user-banner")).ToHaveTextAsync("User head2 created.");
        await Expect(page.Locator("#users")).ToContainTextAsync("head2");
        await Expect(page.Locator("#user-form [data-error-for=password]")).ToHaveTextAsync("");
    }

    private static string WithKeyClientTargets(string policyJson, params string[] targets)
    {
        var policy = JsonNode.Parse(policyJson)!;
        var rule = policy["rules"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "key-client")!;
        rule["targets"] = new JsonArray([.. targets.Select(t => JsonValue.Create(t))]);
        return policy.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
