using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The reports page and the wallboard over a scripted set of real calls, before and after a host restart.</summary>
[Collection(WebAdminCollection.Name)]
[Trait("Category", "Interop")]
public sealed class ReportsPageTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    [Fact]
    public async Task TwoCallsAnswered_ReportsPageShowsThemExactlyAndTheWallboardTheSameAfterARestart()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await rig.AddPhoneAsync("1001", "agent-answer.xml");
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var caller = await rig.CallAsync("84951000003", TimeSpan.FromSeconds(1)); // the operator queue; 1001 answers at once
            Assert.True(caller.ExitCode == 0, caller.Output + caller.Errors + rig.Host.Output);
        }

        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var head = rig.Host.CreateClient("3001", "pw3001"))
        {
            await WebRig.EventuallyAsync(async () => (await head.GetFromJsonAsync<JsonElement>($"api/reports/intervals?by=queue&interval=day&from={day}&to={day}"))
                .GetProperty("total").GetProperty("answered").GetInt32() == 2, "The calls did not reach the call log in time.");
        }

        var page = await rig.SignInAsync("3001", "pw3001", "desk.html");
        await page.ClickAsync("header nav a[href='/reports.html']");
        await WebRig.WaitReadyAsync(page);
        await page.SelectOptionAsync("#interval", "day");
        await page.ClickAsync("#query button[type=submit]");

        var row = page.Locator("#figures tr[data-key='operators']");
        await Expect(row.Locator("[data-figure=offered]")).ToHaveTextAsync("2");
        await Expect(row.Locator("[data-figure=answered]")).ToHaveTextAsync("2");
        await Expect(row.Locator("[data-figure=abandoned]")).ToHaveTextAsync("0");
        await Expect(row.Locator("[data-figure=in-time]")).ToHaveTextAsync("2");
        await Expect(row.Locator("[data-figure=service-level]")).ToHaveTextAsync("100");
        await Expect(page.Locator("#figures tr[data-key='total'] [data-figure=offered]")).ToHaveTextAsync("2");
        Assert.True(await page.EvaluateAsync<bool>("() => Chart.getChart('chart').data.datasets[1].data[0] === 2"), "the chart shows two answered calls");
        await Screenshots.SaveAsync(page, "reports");

        await rig.RestartHostAsync();
        var wall = await rig.SignInAsync("3001", "pw3001", "desk.html");
        await wall.GotoAsync("/wallboard.html");
        await WebRig.WaitReadyAsync(wall);

        await Expect(wall.Locator("#offered-today-operators")).ToHaveTextAsync("2");
        await Expect(wall.Locator("#answered-today-operators")).ToHaveTextAsync("2");
        await Expect(wall.Locator("#abandoned-today-operators")).ToHaveTextAsync("0");
        await Expect(wall.Locator("#sl-operators")).ToHaveTextAsync("100 %");
        await Expect(wall.Locator("#agents-today tr[data-agent='1001'] .answered")).ToHaveTextAsync("2");
    }
}
