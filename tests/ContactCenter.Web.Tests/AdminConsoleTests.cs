using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactCenter.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The admin console in headless Chromium: a routing rule changed in the policy editor shows in the dry-run at once.</summary>
[Collection(WebAdminCollection.Name)]
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
    public async Task User_CreatedInConsoleForAnExtension_ApiErrorShownNextToTheFieldThenListed()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("admin", "admin-demo", "admin.html");
        await page.FillAsync("#new-user-name", "head2");
        await page.CheckAsync("input[name=role][value=DepartmentHead]");
        await page.SelectOptionAsync("#new-user-staff", new SelectOptionValue { Label = "3002 Igor Popov" });

        await page.FillAsync("#new-user-password", "short");
        await page.ClickAsync("#user-create");
        await Expect(page.Locator("#user-form [data-error-for=password]")).ToContainTextAsync("at least 8 characters");
        await page.FillAsync("#new-user-password", "at-least-8");
        await page.ClickAsync("#user-create");

        await Expect(page.Locator("#user-banner")).ToHaveTextAsync("User head2 created.");
        await Expect(page.Locator("#users")).ToContainTextAsync("head2");
        await Expect(page.Locator("#user-form [data-error-for=password]")).ToHaveTextAsync("");
        using var api = rig.Host.CreateClient("head2", "at-least-8");
        var me = await api.GetFromJsonAsync<JsonObject>("api/auth/me");
        var staff = await api.GetFromJsonAsync<JsonArray>("api/staff");
        Assert.Equal(Guid.Parse(staff!.Single(s => s!["extension"]!.GetValue<string>() == "3002")!["id"]!.GetValue<string>()),
            Guid.Parse(me!["staffId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Announcement_PlayedAndReplacedInConsole_BadFileRefusedWithTheReason()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("admin", "admin-demo", "admin.html");
        var greeting = page.Locator("#announcements tr[data-name=greeting]");
        await Expect(greeting).ToContainTextAsync("8000 Hz, 1 ch");

        // The browser plays the file the engine plays: its length as the audio element reads it.
        var seconds = await page.EvaluateAsync<double>("""
            async () => {
              const audio = document.querySelector('#announcements tr[data-name=greeting] audio');
              audio.preload = 'auto';
              const loaded = new Promise((ok, fail) => { audio.onloadedmetadata = ok; audio.onerror = () => fail(audio.error?.message); });
              audio.load();
              await loaded;
              return audio.duration;
            }
            """);
        Assert.InRange(seconds, 1, 30);

        await page.FillAsync("#ann-name", "greeting");
        await page.SetInputFilesAsync("#ann-file", new FilePayload { Name = "notes.wav", MimeType = "audio/wav", Buffer = "not audio"u8.ToArray() });
        await page.ClickAsync("#ann-upload");
        await Expect(page.Locator("#ann-banner")).ToContainTextAsync("not a WAV file NAudio can read");

        var number3 = Path.Combine(rig.Announcements, "number-3.wav");
        await page.FillAsync("#ann-name", "greeting");
        await page.SetInputFilesAsync("#ann-file", number3);
        await page.ClickAsync("#ann-upload");

        await Expect(page.Locator("#ann-banner")).ToContainTextAsync("greeting replaced");
        await Expect(greeting.Locator(".ann-length")).ToHaveTextAsync(await page.Locator("#announcements tr[data-name=number-3] .ann-length").InnerTextAsync());
    }

    [Fact]
    public async Task QueueAndHoursForm_ProblemsShownNextToTheFields_ThenSaved()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("admin", "admin-demo", "admin.html");
        var queue = page.Locator("fieldset[data-queue=operators]");
        var office = page.Locator("fieldset[data-hours=office]");
        await Expect(queue.Locator("[name=members]")).ToHaveValueAsync("1001, 1002, 1003");

        await queue.Locator("[name=members]").FillAsync("1001, 1002, 9999");
        await office.Locator("[name=mon]").FillAsync("18:00-09:00");
        await page.ClickAsync("#form-save");

        await Expect(queue.Locator("[data-error-for='queues.operators.members']")).ToHaveTextAsync("Queue 'operators': member 9999 is not a known extension.");
        await Expect(office.Locator("[data-error-for='hours.office.mon']")).ToContainTextAsync("'18:00-09:00' for mon is not a range");
        await Expect(page.Locator("#form-banner")).ToHaveTextAsync("Fix the fields marked in red; nothing was saved.");

        await queue.Locator("[name=members]").FillAsync("1001, 1002");
        await queue.Locator("[name=serviceLevelThreshold]").FillAsync("30");
        await office.Locator("[name=mon]").FillAsync("09:00-18:00");
        await page.ClickAsync("#form-save");

        await Expect(page.Locator("#form-banner")).ToHaveTextAsync("Saved as version 2: in force for the next call.");
        await Expect(queue.Locator("[data-error-for='queues.operators.members']")).ToHaveTextAsync("");
        using var api = rig.Host.CreateClient("admin", "admin-demo");
        var saved = (await api.GetFromJsonAsync<JsonObject>("api/routing/policy"))!["policy"]!;
        var operators = saved["queues"]!.AsArray().Single(q => q!["name"]!.GetValue<string>() == "operators")!;
        Assert.Equal(["1001", "1002"], operators["members"]!.AsArray().Select(m => m!["extension"]!.GetValue<string>()));
        Assert.Equal("00:00:30", operators["serviceLevelThreshold"]!.GetValue<string>());
        Assert.Equal("00:03:00", operators["maxWait"]!.GetValue<string>());
        Assert.Equal("09:00-18:00", saved["hours"]![0]!["week"]!["mon"]!.GetValue<string>());
        Assert.Equal("09:00-15:00", saved["hours"]![0]!["week"]!["sat"]!.GetValue<string>());
        await Expect(page.Locator("#policy-json")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("09:00-18:00"));
    }

    [Fact]
    public async Task User_PasswordResetThenDisabledInConsole_SignInFollows()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("admin", "admin-demo", "admin.html");
        var user = page.Locator("#users tr[data-user='1002']");

        await user.Locator(".reset-password").FillAsync("short");
        await user.Locator(".reset-save").ClickAsync();
        await Expect(user.Locator("[data-error-for=password]")).ToContainTextAsync("at least 8 characters");
        await user.Locator(".reset-password").FillAsync("a-new-password");
        await user.Locator(".reset-save").ClickAsync();
        await Expect(page.Locator("#user-banner")).ToHaveTextAsync("Password of 1002 reset.");
        using (var withNew = rig.Host.CreateClient("1002", "a-new-password"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await withNew.GetAsync(new Uri("api/auth/me", UriKind.Relative))).StatusCode);
        }

        await user.Locator(".toggle-active").ClickAsync();

        await Expect(user.Locator(".user-active")).ToHaveTextAsync("no");
        await Expect(user.Locator(".toggle-active")).ToHaveTextAsync("Enable");
        using var disabled = rig.Host.CreateClient("1002", "a-new-password");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await disabled.GetAsync(new Uri("api/auth/me", UriKind.Relative))).StatusCode);
    }

    private static string WithKeyClientTargets(string policyJson, params string[] targets)
    {
        var policy = JsonNode.Parse(policyJson)!;
        var rule = policy["rules"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "key-client")!;
        rule["targets"] = new JsonArray([.. targets.Select(t => JsonValue.Create(t))]);
        return policy.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
