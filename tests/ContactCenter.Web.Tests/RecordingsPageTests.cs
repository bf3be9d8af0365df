using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The recordings page in headless Chromium: a real call's recording found by client, played and the play audited.</summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class RecordingsPageTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    [Fact]
    public async Task HeadFindsRecordingByClientAndPlaysIt_PlayerHasADurationAndThePlayIsListed()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await rig.AddPhoneAsync("1001", "agent-answer.xml");
        var caller = await rig.CallAsync("84951000003", TimeSpan.FromSeconds(2)); // Corner Shop, whose manager is in 3002's department
        Assert.True(caller.ExitCode == 0, caller.Output + caller.Errors + rig.Host.Output);
        using var head = rig.Host.CreateClient("3002", "pw3002");
        await WebRig.EventuallyAsync(async () => (await head.GetFromJsonAsync<JsonElement>("api/recordings?client=Corner")).GetProperty("total").GetInt32() == 1,
            "The recording did not reach the catalogue in time.");
        var page = await rig.SignInAsync("3002", "pw3002", "desk.html");
        await page.ClickAsync("header nav a[href='/recordings.html']");
        await WebRig.WaitReadyAsync(page);

        await page.FillAsync("#client", "Corner");
        await page.ClickAsync("#search button[type=submit]");
        await Expect(page.Locator("#results tr[data-call]")).ToHaveCountAsync(1);
        await page.ClickAsync("#results tr[data-call] button.play");

        await page.WaitForFunctionAsync("() => document.getElementById('player').duration > 0.5", null, new() { Timeout = 15_000 });
        await Expect(page.Locator("#access")).ToContainTextAsync("3002");
        await Expect(page.Locator("#access")).ToContainTextAsync("play");
        await Expect(page.Locator("#download")).ToBeHiddenAsync();
        using var download = await head.GetAsync(new Uri($"api/recordings/{await page.GetAttributeAsync("#results tr[data-call]", "data-call")}/audio?download=true", UriKind.Relative));
        using var operatorClient = rig.Host.CreateClient("1001", "pw1001");
        using var operatorSearch = await operatorClient.GetAsync(new Uri("api/recordings", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorSearch.StatusCode);
        await Screenshots.SaveAsync(page, "recordings");
    }
}
