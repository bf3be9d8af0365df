using System.Globalization;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// The after-hours voicemail on the operator's desk (issue #18): a carrier's caller leaves a message while the operator
/// queue is closed; when the queue opens, Next task on the desk brings the call-back task with the message's player.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class VoicemailDeskTests(CrmDatabaseFixture database, BrowserFixture browser) : IDisposable
{
    private readonly string _policy = Path.Combine(Path.GetTempPath(), $"cc-closed-policy-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task AfterHoursVoicemail_AtTheOpening_OperatorGetsTheTaskWithThePlayer()
    {
        RoutingPolicyFiles.WriteClosedNow(_policy);
        await using var rig = await WebRig.StartAsync(database, browser, ["--Acd:PolicyFile=" + _policy]);
        var caller = await Sipp.RunAsync(Sipp.Scenario("trunk-voicemail.xml"), rig.Host.SipTarget, rig.TrunkPort, extraArguments:
        [
            "-key", "dialed", "7000", "-key", "caller", "84951000003", "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-d", "14000",
        ], timeout: TimeSpan.FromSeconds(90));
        Assert.True(caller.ExitCode == 0, caller.Output);
        await WebRig.EventuallyAsync(async () =>
        {
            await using var db = CrmDatabaseFixture.CreateContext(rig.ConnectionString);
            // The morning comes: the task falls due (it is due at the queue's next opening, two days ahead).
            return await db.CallTasks.Where(t => t.VoicemailCallId != null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(-1))) == 1;
        }, "the voicemail task");
        var page = await rig.SignInAsync("1001", "pw1001", "desk.html");
        await WebRig.WaitLiveAsync(page);

        await page.ClickAsync("#task-next");

        await Expect(page.Locator("#task-list-name")).ToHaveTextAsync("Voicemail: operators", new() { Timeout = 15_000 });
        await Expect(page.Locator("#task-purpose")).ToHaveTextAsync("voicemail");
        await Expect(page.Locator("#task-client")).ToHaveTextAsync("Corner Shop");
        await Expect(page.Locator("#task-voicemail")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('task-voicemail-player').duration > 4", null, new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(page, "voicemail-task");
    }

    public void Dispose() => File.Delete(_policy);
}
