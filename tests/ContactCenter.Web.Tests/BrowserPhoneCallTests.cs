using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static ContactCenter.Web.Tests.BrowserPhonePage;

namespace ContactCenter.Web.Tests;

/// <summary>
/// Calls in the desk's browser phone: a Chromium with fake media devices (its microphone beeps) signs in as an agent and
/// switches the phone on; a carrier call to 7000 rings in the page, is answered there, and audio flows both ways between
/// sipp and the page through the engine's WebRTC browser leg (ICE-lite, DTLS-SRTP, G.711 passed through, or Opus to and
/// from G.711 when Opus is preferred).
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class BrowserPhoneCallTests(CrmDatabaseFixture database, BrowserFixture browser, FakeMediaChromium media) : IClassFixture<FakeMediaChromium>
{
    [Theory]
    [InlineData(false, "audio/PCMA")] // the default: Chromium takes the caller's PCMA (offered first), passed through (SRTP only)
    [InlineData(true, "audio/opus")]  // BrowserPhone:PreferOpus: Opus, transcoded to and from the caller's PCMA
    public async Task TrunkCall_AnsweredInTheBrowser_AudioBothWaysAndTheCallIsLogged(bool preferOpus, string codec)
    {
        await using var rig = await WebRig.StartAsync(database, browser, ["--Sip:Recording:Layout=Stereo", $"--BrowserPhone:PreferOpus={preferOpus}"]);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");

        var caller = rig.CallAsync("84951000003", TimeSpan.FromSeconds(6));
        await AnswerAsync(page);
        var inbound = await WaitInboundAsync(rig, page, packets: 100);
        if (!preferOpus)
        {
            await Screenshots.SaveAsync(page, "browser-phone-call");
        }

        var result = await caller;

        Assert.True(result.ExitCode == 0, result.Output + result.Errors + rig.Host.Output);
        Assert.True(inbound.GetProperty("totalAudioEnergy").GetDouble() > 0, inbound.ToString());
        Assert.Equal(codec, inbound.GetProperty("codec").GetString());
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "idle", Soon);
        using var api = rig.Host.CreateClient("admin", "admin-demo");
        var logged = await OnlyEndedCallOf1001Async(api, "the browser's call");
        Assert.True(logged.GetProperty("talkSeconds").GetDouble() >= 4, logged.ToString());
        await WebRig.EventuallyAsync(() => Task.FromResult(Directory.Exists(rig.Recordings)
            && Directory.EnumerateFiles(rig.Recordings, "*.wav", SearchOption.AllDirectories).Any()), "the call is recorded");
        var recording = Directory.EnumerateFiles(rig.Recordings, "*.wav", SearchOption.AllDirectories).Single();
        Assert.True(AgentPeak(recording) > 2_000, "the browser's microphone (the agent's channel) is heard in the recording");
    }

    [Fact]
    public async Task TrunkCall_BrowserHangsUp_TheCallerGetsTheBye()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");
        var caller = Sipp.RunAsync(Sipp.Scenario("trunk-call-remote-bye.xml"), rig.Host.SipTarget, rig.TrunkPort, extraArguments:
            ["-key", "dialed", "7000", "-key", "caller", "84951000003", "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)],
            timeout: TimeSpan.FromSeconds(60));
        await AnswerAsync(page);
        // The browser shows "talking" once its answer is acknowledged; the call is connected (the caller answered) a moment
        // later on a loaded machine. A hang-up before that is an offer that failed, not a call to end (CI of 6662822).
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        await LiveCalls.WaitForAsync(admin, answered: true);

        await page.ClickAsync("#phone-hangup");

        var result = await caller;
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "idle", Soon);
    }

    [Fact]
    public async Task BrowserGoesSilentMidCall_ConsentExpires_TheCallerGetsTheBye()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");
        var caller = Sipp.RunAsync(Sipp.Scenario("trunk-call-remote-bye.xml"), rig.Host.SipTarget, rig.TrunkPort, extraArguments:
            ["-key", "dialed", "7000", "-key", "caller", "84951000003", "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)],
            timeout: TimeSpan.FromSeconds(90));
        await AnswerAsync(page);
        await page.WaitForFunctionAsync("() => window.browserPhone.call.session?.connection?.connectionState === 'connected'", null, new() { Timeout = 30_000 });

        // The page's media stops dead (as when the network goes), without a BYE: its ICE checks stop with it (RFC 7675).
        await page.EvaluateAsync("() => window.browserPhone.call.session.connection.close()");
        var silent = TimeProvider.System.GetTimestamp();

        // The caller waits for a BYE (the scenario fails without one); it comes once consent expired (30 s), not at once.
        var result = await caller;
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.InRange(TimeProvider.System.GetElapsedTime(silent), TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(80));
    }

    [Fact]
    public async Task BrowserDialsOut_OffersG711_AnsweredWithPcmu_AudioBothWaysAndTheBrowserHangsUp()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");
        // The carrier echoes what it hears: the browser's own microphone comes back to it through the whole path.
        var carrier = Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), rig.Host.SipTarget, rig.TrunkPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-rtp_echo"], timeout: TimeSpan.FromSeconds(60));
        await Task.Delay(500);

        await page.FillAsync("#phone-number", "8 495 100-00-03");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "talking", Soon);
        var inbound = await WaitInboundAsync(rig, page, packets: 50);
        Assert.True(inbound.GetProperty("totalAudioEnergy").GetDouble() > 0, inbound.ToString());
        // The page offered Opus first and G.711 after: our answer puts PCMU first, and the echo it hears is PCMU.
        var answer = await page.EvaluateAsync<string>("() => window.browserPhone.call.session.connection.remoteDescription.sdp");
        Assert.Matches(@"m=audio \d+ UDP/TLS/RTP/SAVPF 0 ", answer);
        Assert.Equal("audio/PCMU", inbound.GetProperty("codec").GetString());
        await page.ClickAsync("#phone-hangup");
        var result = await carrier;
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "idle", Soon);
    }

    [Fact]
    public async Task CallInTheBrowser_HoldResumeKeypadAndBlindTransfer_TheCallMovesToTheOtherAgent()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");
        var caller = rig.CallAsync("84951000003", TimeSpan.FromSeconds(12));
        await AnswerAsync(page);
        await WaitInboundAsync(rig, page, packets: 25);

        await page.ClickAsync("#phone-hold");
        await Expect(page.Locator("#phone-hold")).ToHaveAttributeAsync("aria-pressed", "true", Soon);
        await page.ClickAsync("#phone-hold");
        await Expect(page.Locator("#phone-hold")).ToHaveAttributeAsync("aria-pressed", "false", Soon);
        await page.ClickAsync("#phone-keypad >> text=5");
        await Expect(page.Locator("#phone-sent")).ToHaveTextAsync("Sent: 5");
        // 1002 registers only now, so that the call itself came to the browser.
        await rig.AddPhoneAsync("1002", "agent-answer.xml");
        await page.FillAsync("#phone-transfer-to", "1002");
        await page.ClickAsync("#phone-transfer");

        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "idle", Soon);
        var result = await caller;
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        using var api = rig.Host.CreateClient("admin", "admin-demo");
        JsonElement detail = default;
        await WebRig.EventuallyAsync(async () =>
        {
            var calls = await api.GetFromJsonAsync<JsonElement>("api/calls?agent=1001");
            if (calls.GetProperty("totalCount").GetInt32() != 1)
            {
                return false;
            }

            detail = await api.GetFromJsonAsync<JsonElement>($"api/calls/{calls.GetProperty("items")[0].GetProperty("id").GetGuid()}");
            return detail.GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "CallEnded");
        }, "the call is logged with its end");
        var types = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("CallHeld", types);
        Assert.Contains("CallResumed", types);
        Assert.Contains("CallTransferred", types);
    }

    [Fact]
    public async Task ClickToCall_ToABrowserAgent_ThePageRingsFirstThenTheClient_AudioBothWaysAndTheCallIsLogged()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");
        await WebRig.WaitLiveAsync(page);
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        // The client's phone answers through the trunk and echoes: the page hears its own microphone back over the whole path.
        var client = Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), rig.Host.SipTarget, rig.TrunkPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-rtp_echo"], timeout: TimeSpan.FromSeconds(60));
        await Task.Delay(500);

        await page.FillAsync("#number", "8 (495) 100-00-03");
        await page.ClickAsync("#dial");

        await Expect(page.Locator("#find-banner")).ToContainTextAsync("your phone (1001) rings first");
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "ringing", Soon);
        var ringing = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("api/live-calls")).EnumerateArray());
        Assert.NotEqual("Answered", ringing.GetProperty("phase").GetString());
        await page.ClickAsync("#phone-answer");
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "talking", Soon);
        var inbound = await WaitInboundAsync(rig, page, packets: 50);
        Assert.True(inbound.GetProperty("totalAudioEnergy").GetDouble() > 0, inbound.ToString());
        await Expect(page.Locator("#card-name")).ToHaveTextAsync("Corner Shop", new() { Timeout = 30_000 });
        await Expect(page.Locator("#call-phase")).ToHaveTextAsync("answered", new() { Timeout = 30_000 });

        await page.ClickAsync("#phone-hangup");

        var result = await client;
        Assert.True(result.ExitCode == 0, result.Output + result.Errors + rig.Host.Output);
        var logged = await OnlyEndedCallOf1001Async(admin, "the click-to-call");
        Assert.True(string.Equals("Outbound", logged.GetProperty("direction").GetString(), StringComparison.OrdinalIgnoreCase), logged.ToString());
        Assert.Contains("4951000003", logged.GetProperty("dialedNumber").GetString(), StringComparison.Ordinal);
        Assert.Equal("Agent", logged.GetProperty("endedBy").GetString());
        Assert.True(logged.GetProperty("talkSeconds").GetDouble() > 0, logged.ToString());
    }

    // The call log's only row under 1001 once its end is written: the row appears when the call arrives and is completed
    // by the CRM's lane a moment after the call ends.
    private static async Task<JsonElement> OnlyEndedCallOf1001Async(HttpClient api, string what)
    {
        JsonElement calls = default;
        await WebRig.EventuallyAsync(async () =>
        {
            calls = await api.GetFromJsonAsync<JsonElement>("api/calls?agent=1001");
            return calls.GetProperty("totalCount").GetInt32() == 1 && calls.GetProperty("items")[0].GetProperty("endedAt").ValueKind != JsonValueKind.Null;
        }, what + " is in the call log under 1001, ended");
        return Assert.Single(calls.GetProperty("items").EnumerateArray());
    }
}
