using System.Globalization;
using System.Text.Json;
using ContactCenter.TestKit;
using Microsoft.Playwright;
using static ContactCenter.Web.Tests.BrowserPhonePage;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// The browser phone's devices and what the agent hears while its own call rings: Chromium's fake microphones and
/// speakers listed, the level meter following the fake microphone's WAV (tone, silence), the choice remembered in this
/// browser; a local ringback tone on a 180, the service's early media on a 183 with SDP.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class BrowserPhoneDevicesTests(CrmDatabaseFixture database, BrowserFixture browser, FakeMediaChromium media) : IClassFixture<FakeMediaChromium>
{
    [Fact]
    public async Task PhoneOn_FakeDevicesListed_MeterFollowsTheMicrophone_ChoiceRememberedAfterAReload()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");

        await Expect(page.Locator("#phone-devices")).ToBeVisibleAsync();
        var microphones = await page.Locator("#phone-microphone option").AllTextContentsAsync();
        var speakers = await page.Locator("#phone-speaker option").AllTextContentsAsync();
        Assert.True(microphones.Count >= 2 && microphones.All(m => m.Contains("Fake", StringComparison.OrdinalIgnoreCase)), string.Join(", ", microphones));
        Assert.True(speakers.Count >= 1 && speakers.All(m => m.Contains("Fake", StringComparison.OrdinalIgnoreCase)), string.Join(", ", speakers));

        // The WAV is a tone for 0.6 s of each second and silence for the rest: the meter goes up and down with it.
        var levels = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            levels.Add(double.Parse(await page.Locator("#phone-level").GetAttributeAsync("data-level") ?? "0", CultureInfo.InvariantCulture));
            await Task.Delay(50);
        }

        Assert.True(levels.Count(l => l > 0.3) >= 5, "the meter rises with the tone: " + string.Join(" ", levels));
        Assert.True(levels.Count(l => l < 0.05) >= 5, "the meter falls in the silence: " + string.Join(" ", levels));
        await Screenshots.SaveAsync(page, "browser-phone-devices");

        var microphone = await page.Locator("#phone-microphone option").Nth(1).GetAttributeAsync("value");
        await page.SelectOptionAsync("#phone-microphone", microphone!);
        var speaker = await page.Locator("#phone-speaker option").Last.GetAttributeAsync("value");
        await page.SelectOptionAsync("#phone-speaker", speaker!);
        await Expect(page.Locator("#phone-speaker")).ToHaveAttributeAsync("data-applied", speaker!);
        Assert.Equal(speaker, await page.EvaluateAsync<string>("() => document.getElementById('phone-audio').sinkId"));

        await page.ReloadAsync();
        await WebRig.WaitReadyAsync(page);
        await page.CheckAsync("#phone-enable");
        await Expect(page.Locator("#phone-status")).ToHaveAttributeAsync("data-phone", "registered");
        await Expect(page.Locator("#phone-microphone")).ToHaveValueAsync(microphone!);
        await Expect(page.Locator("#phone-speaker")).ToHaveValueAsync(speaker!);
        await Expect(page.Locator("#phone-speaker")).ToHaveAttributeAsync("data-applied", speaker!);
    }

    [Fact]
    public async Task BrowserDialsOut_Ringing180WithoutEarlyMedia_TheAgentHearsALocalRingbackUntilTheAnswer()
    {
        await using var rig = await WebRig.StartAsync(database, browser, ["--Sip:Calls:EarlyMedia=false"]);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");
        var carrier = SlowCarrierAsync(rig, TimeSpan.FromSeconds(6));
        await Task.Delay(500);

        await page.FillAsync("#phone-number", "84951000003");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-ringback", "tone", Soon);
        Assert.Equal("calling", await page.Locator("#phone-call").GetAttributeAsync("data-call"));
        await WebRig.EventuallyAsync(async () => await page.EvaluateAsync<double>("() => window.browserPhone.call.ringback.level()") > 0.05,
            "the local ringback tone sounds");
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "talking", Soon);
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-ringback", "");
        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.browserPhone.call.ringback.level()"));
        await page.ClickAsync("#phone-hangup");
        var result = await carrier;
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
    }

    [Fact]
    public async Task BrowserDialsOut_ServiceSendsEarlyMedia_TheBrowserPlaysItBeforeTheAnswer()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");
        var carrier = SlowCarrierAsync(rig, TimeSpan.FromSeconds(9));
        await Task.Delay(500);

        await page.FillAsync("#phone-number", "84951000003");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-ringback", "early", Soon);
        await WaitInboundAsync(rig, page, packets: 50);

        // The ringback sounds 0.8 s in every 4 s: a first burst that reached a loaded browser before its playout ran is
        // not heard, the next one is (the carrier rings long enough for two more). The call's state is read before the
        // audio's, so energy counted while it was still "calling" is the ringback's, not the answered call's echo.
        string? state;
        JsonElement early;
        for (var polls = 0; ; polls++)
        {
            state = await page.Locator("#phone-call").GetAttributeAsync("data-call");
            early = await WaitInboundAsync(rig, page, packets: 0);
            if (state != "calling" || early.GetProperty("totalAudioEnergy").GetDouble() > 0 || polls == 50)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.True(early.GetProperty("totalAudioEnergy").GetDouble() > 0, "the service's ringback is heard: " + early);
        Assert.Equal("calling", state);
        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.browserPhone.call.ringback.level()"));
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "talking", Soon);
        var answered = await WaitInboundAsync(rig, page, packets: early.GetProperty("packetsReceived").GetInt32() + 50);
        Assert.Contains("connected", answered.GetProperty("state").GetString(), StringComparison.Ordinal);
        await page.ClickAsync("#phone-hangup");
        var result = await carrier;
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
    }

    /// <summary>The carrier rings for <paramref name="ringing"/> (180 without SDP), then answers echoing what it hears.</summary>
    private static Task<SippResult> SlowCarrierAsync(WebRig rig, TimeSpan ringing) =>
        Sipp.RunAsync(Sipp.Scenario("trunk-answer-slow.xml"), rig.Host.SipTarget, rig.TrunkPort, extraArguments:
            ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-rtp_echo", "-d", ((int)ringing.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)],
            timeout: TimeSpan.FromSeconds(60));
}
