using ContactCenter.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// Issue #19 in the browser: a department head on the Live calls page listens to an operator's real (sipp) call, switches
/// to whisper and leaves; the head's own sipp phone is rung for it; the operator's desk shows that the call is supervised.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SupervisionPageTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task HeadListensWhispersAndLeaves_TheOperatorsDeskShowsIt()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await rig.AddPhoneAsync("1001", "agent-answer.xml");
        await rig.AddPhoneAsync("3001", "agent-answer.xml");
        var desk = await rig.SignInAsync("1001", "pw1001", "desk.html");
        await WebRig.WaitLiveAsync(desk);
        var head = await rig.SignInAsync("3001", "pw3001", "desk.html");
        await head.GotoAsync("/supervise.html");
        await WebRig.WaitReadyAsync(head);
        await WebRig.WaitLiveAsync(head);

        // Corner Shop: the operator queue. The call outlasts the steps below even on a loaded machine (at 14 s it once
        // ended before the row could show the head gone).
        var call = rig.CallAsync("84951000003", TimeSpan.FromSeconds(25));
        var row = head.Locator("#calls tr[data-call]");
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await row.Locator("button[data-mode=listen]").ClickAsync();

        await Expect(head.Locator("#mine")).ToHaveAttributeAsync("data-joined", "true", new() { Timeout = 15_000 });
        await Expect(row).ToHaveAttributeAsync("data-supervised", "listen");
        await Expect(desk.Locator("#call-supervised")).ToHaveTextAsync("Listened to by 3001", Soon);
        await row.Locator("button[data-mode=whisper]").ClickAsync();
        await Expect(desk.Locator("#call-supervised")).ToHaveTextAsync("Coached by 3001", Soon);
        await Expect(row).ToHaveAttributeAsync("data-supervised", "whisper");
        await Screenshots.SaveAsync(head, "supervise");
        await row.Locator("button[data-leave]").ClickAsync();

        await Expect(desk.Locator("#call-supervised")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await Expect(row).ToHaveAttributeAsync("data-supervised", "no");
        var caller = await call;
        Assert.True(caller.ExitCode == 0, caller.Output + caller.Errors + rig.Host.Output);
    }
}
