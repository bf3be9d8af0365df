using System.Globalization;
using System.Net.Http.Json;
using ContactCenter.Crm.Model;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// The desk's work panels in headless Chromium: the call-list queue (preview, dial, survey result), complaints with the
/// department head's live notification, and the head's assignment of a manager to a new client.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class DeskPanelsTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 15_000 };

    private static readonly LocatorAssertionsToContainTextOptions SoonContains = new() { Timeout = 15_000 };

    [Fact]
    public async Task CallList_PreviewDialAndSurveyResult_ShowsInTheHeadsProgress()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await rig.AddPhoneAsync("1001", "agent-answer.xml");
        var carrier = rig.CarrierAnswersAsync();
        var page = await rig.SignInAsync("1001", "pw1001", "desk.html");
        await WebRig.WaitLiveAsync(page);

        await page.Keyboard.PressAsync("Alt+T");
        await Expect(page.Locator("#task-list-name")).ToHaveTextAsync("Survey: new products and deliveries", Soon);
        await Expect(page.Locator("#task-questions label")).ToHaveCountAsync(4);
        await page.ClickAsync("#task-save");
        await Expect(page.Locator("#task-banner")).ToContainTextAsync("Dial the task first");
        await page.ClickAsync("#task-dial");
        await Expect(page.Locator("#task-banner")).ToContainTextAsync("your phone (1001) rings first");
        await Expect(page.Locator("#call-phase")).ToHaveTextAsync("answered", Soon);
        await page.SelectOptionAsync("#answer-1", "yes");
        await page.SelectOptionAsync("#answer-2", "4");
        await page.SelectOptionAsync("#answer-3", "Friday");
        await page.FillAsync("#answer-4", "Earlier morning deliveries");
        await page.FillAsync("#task-notes", "will order on Monday");
        await Screenshots.SaveAsync(page, "call-list");
        await page.Keyboard.PressAsync("Alt+S");

        await Expect(page.Locator("#task-banner")).ToContainTextAsync("Saved: reached", SoonContains);
        using var head = rig.Host.CreateClient("3001", "pw3001");
        var list = (await head.GetFromJsonAsync<List<CallList>>("api/call-lists"))!.Single(l => l.Name == "Survey: new products and deliveries");
        var progress = await head.GetFromJsonAsync<Progress>($"api/call-lists/{list.Id}/progress");
        Assert.Equal(1, progress!.Done);
        Assert.Equal(1, progress.Results["reached"]);
        await rig.HangUpAllAsync();
        var client = await carrier;
        Assert.True(client.ExitCode == 0, client.Output + client.Errors + rig.Host.Output);
    }

    [Fact]
    public async Task Complaint_RecordedByOperator_NotifiesTheQualityHeadLive()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var operatorDesk = await rig.SignInAsync("1001", "pw1001", "desk.html");
        var headDesk = await rig.SignInAsync("3002", "pw3002", "desk.html");
        await WebRig.WaitLiveAsync(headDesk);
        var unread = int.Parse(await headDesk.Locator("#notif-badge").GetAttributeAsync("data-unread") ?? "0", CultureInfo.InvariantCulture);
        await operatorDesk.FillAsync("#number", "84951000003");
        await operatorDesk.Keyboard.PressAsync("Alt+O");
        await Expect(operatorDesk.Locator("#fb-client")).ToHaveTextAsync("For Corner Shop", Soon);

        await operatorDesk.ClickAsync("#fb-save");
        await Expect(operatorDesk.Locator("[data-error-for=text]")).ToContainTextAsync("Say what the client said");
        await operatorDesk.SelectOptionAsync("#fb-category", "quality");
        await operatorDesk.FillAsync("#fb-text", "The yogurt lids leak in transport");
        await operatorDesk.ClickAsync("#fb-save");

        await Expect(operatorDesk.Locator("#fb-banner")).ToHaveTextAsync("Recorded; passed to quality.", Soon);
        var pushed = headDesk.Locator("#notif-list li.unread", new() { HasText = "The yogurt lids leak" });
        await Expect(pushed).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(headDesk.Locator("#notif-badge")).ToHaveAttributeAsync("data-unread", (unread + 1).ToString(CultureInfo.InvariantCulture));
        var row = headDesk.Locator("#fb-list tr", new() { HasText = "The yogurt lids leak" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Justified", Exact = true }).ClickAsync();
        await Expect(row.Locator(".fb-status")).ToHaveTextAsync("open, justified", Soon);
        await pushed.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();
        await Expect(headDesk.Locator("#notif-badge")).ToHaveAttributeAsync("data-unread", unread.ToString(CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(headDesk, "head-desk");
    }

    [Fact]
    public async Task NewClient_AssignedByHead_GetsTheManager()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var clientId = await AddNewCallerAsync(rig.ConnectionString, "+74959990011");
        var page = await rig.SignInAsync("3001", "pw3001", "desk.html");
        var row = page.Locator($".assign[data-client-id=\"{clientId}\"]");
        await Expect(row).ToContainTextAsync("New caller +74959990011");

        await row.Locator(".assign-manager").SelectOptionAsync("2101");
        await row.Locator(".assign-save").ClickAsync();
        await Expect(row.Locator("[data-error-for=type]")).ToContainTextAsync("still of type 'new'", SoonContains);
        await row.Locator(".assign-type").SelectOptionAsync("retail");
        await row.Locator(".assign-name").FillAsync("Volga Bakery");
        await row.Locator(".assign-phones").FillAsync("+74959990011, 8 495 999-00-12");
        await row.Locator(".assign-save").ClickAsync();

        await Expect(page.Locator("#manager-banner")).ToContainTextAsync("Volga Bakery assigned to Fyodor Kuznetsov (2101)", SoonContains);
        await Expect(row).ToHaveCountAsync(0);
        using var api = rig.Host.CreateClient("3001", "pw3001");
        var card = await api.GetFromJsonAsync<Card>($"api/clients/{clientId}/card");
        Assert.Equal("2101", card!.Manager!.Extension);
        Assert.Equal("retail", card.TypeCode);
        Assert.Equal("Volga Bakery", card.Name);
        Assert.Equal(["+74959990011", "+74959990012"], card.Phones);
    }

    [Fact]
    public async Task HeadsDesk_MyCallsOnlyTheirOwn_ListsFromTheApi()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await using (var db = CrmDatabaseFixture.CreateContext(rig.ConnectionString))
        {
            var at = TimeProvider.System.GetUtcNow().AddHours(-1);
            var own = Answered("+74951000002", "3001", at, "complaint");
            own.RecordingProblem = "not recorded: only 3 MiB free on the recordings volume";
            db.Calls.AddRange(own, Answered("+74951000003", "1001", at.AddMinutes(5), "order-taken"));
            await db.SaveChangesAsync();
        }

        var page = await rig.SignInAsync("3001", "pw3001", "desk.html");

        var rows = page.Locator("#my-calls tr");
        await Expect(rows).ToHaveCountAsync(2); // the header and 3001's own call; 1001's is not "my call" for the head
        await Expect(rows.Nth(1)).ToContainTextAsync("+74951000002");
        await Expect(rows.Nth(1)).ToContainTextAsync("complaint");
        await Expect(rows.Nth(1).Locator("td.recording-problem")).ToHaveTextAsync("not recorded: only 3 MiB free on the recordings volume");
        await Expect(page.Locator("#fb-category option[value=delivery]")).ToHaveAttributeAsync("title", "goes to dispatch");
        // Outlet No. 5 has no manager: the types to give it are the CRM's (names from the API), "new" not among them.
        var types = page.Locator(".assign:has-text('Outlet No. 5') .assign-type option");
        await Expect(types.Locator("text=Own outlet")).ToHaveAttributeAsync("value", "own-outlet");
        await Expect(types.Locator("[value=new]")).ToHaveCountAsync(0);
    }

    private static CallRecord Answered(string e164, string agent, DateTimeOffset at, string disposition) => new()
    {
        Id = Guid.NewGuid(), Direction = ContactCenter.Contracts.Calls.CallDirection.Inbound, CallerNumber = e164, CallerE164 = e164,
        DialedNumber = "7000", ReceivedAt = at, AnsweredAt = at.AddSeconds(5), EndedAt = at.AddSeconds(65), AnsweredBy = agent,
        Outcome = "answered", Disposition = disposition,
    };

    /// <summary>What the CRM's new-caller consumer stores for an unknown number (no API creates clients).</summary>
    private static async Task<Guid> AddNewCallerAsync(string connectionString, string e164)
    {
        await using var db = CrmDatabaseFixture.CreateContext(connectionString);
        var type = await db.ClientTypes.SingleAsync(t => t.Code == "new");
        var client = new Client
        {
            Id = Guid.NewGuid(), Name = "New caller " + e164, ClientTypeId = type.Id, CreatedAt = TimeProvider.System.GetUtcNow(),
            Phones = [new ClientPhone { Id = Guid.NewGuid(), E164 = e164 }],
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }

    private sealed record CallList(Guid Id, string Name);

    private sealed record Progress(int Done, Dictionary<string, int> Results);

    private sealed record Card(string Name, string TypeCode, Manager? Manager, List<string> Phones);

    private sealed record Manager(string Extension);
}
