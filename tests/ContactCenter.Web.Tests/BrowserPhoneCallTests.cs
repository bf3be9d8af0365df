using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// Calls in the desk's browser phone: a Chromium with fake media devices (its microphone beeps) signs in as an agent and
/// switches the phone on; a carrier call to 7000 rings in the page, is answered there, and audio flows both ways between
/// sipp and the page through the engine's WebRTC browser leg (ICE-lite, DTLS-SRTP, Opus to and from G.711).
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class BrowserPhoneCallTests(CrmDatabaseFixture database, BrowserFixture browser) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 30_000 };
    private IPlaywright? _playwright;
    private IBrowser? _media;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _media = await FakeMediaChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_media is not null)
        {
            await _media.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [Fact]
    public async Task TrunkCall_AnsweredInTheBrowser_AudioBothWaysAndTheCallIsLogged()
    {
        await using var rig = await WebRig.StartAsync(database, browser, ["--Sip:Recording:Layout=Stereo"]);
        var page = await PhoneOnAsync(rig, "1001", "pw1001");

        var caller = rig.CallAsync("84951000003", TimeSpan.FromSeconds(6));
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "ringing", Soon);
        await page.ClickAsync("#phone-answer");
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "talking", Soon);
        var inbound = await InboundAsync(page);
        var seen = new List<string>();
        for (var i = 0; i < 100 && inbound.GetProperty("packetsReceived").GetInt32() < 100; i++)
        {
            await Task.Delay(200);
            inbound = await InboundAsync(page);
            seen.Add(inbound.ToString());
        }

        Assert.True(inbound.GetProperty("packetsReceived").GetInt32() >= 100, "the caller's audio reaches the browser: " + string.Join("\n", seen.Distinct()) + string.Join("\n", rig.Host.Output.Split('\n').Where(l => l.Contains("WebRTC", StringComparison.Ordinal) || l.Contains("media:", StringComparison.Ordinal))));
        await Screenshots.SaveAsync(page, "browser-phone-call");
        var result = await caller;

        Assert.True(result.ExitCode == 0, result.Output + result.Errors + rig.Host.Output);
        Assert.True(inbound.GetProperty("totalAudioEnergy").GetDouble() > 0, inbound.ToString());
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "idle", Soon);
        using var api = rig.Host.CreateClient("admin", "admin-demo");
        JsonElement calls = default;
        await WebRig.EventuallyAsync(async () =>
        {
            calls = await api.GetFromJsonAsync<JsonElement>("api/calls?agent=1001");
            return calls.GetProperty("totalCount").GetInt32() == 1;
        }, "the browser's call is in the call log under 1001");
        var logged = Assert.Single(calls.GetProperty("items").EnumerateArray());
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
        var page = await PhoneOnAsync(rig, "1001", "pw1001");
        var caller = Sipp.RunAsync(Sipp.Scenario("trunk-call-remote-bye.xml"), rig.Host.SipTarget, rig.TrunkPort, extraArguments:
            ["-key", "dialed", "7000", "-key", "caller", "84951000003", "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)],
            timeout: TimeSpan.FromSeconds(60));
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "ringing", Soon);
        await page.ClickAsync("#phone-answer");
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "talking", Soon);

        await page.ClickAsync("#phone-hangup");

        var result = await caller;
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "idle", Soon);
    }

    private async Task<IPage> PhoneOnAsync(WebRig rig, string user, string password)
    {
        var page = await rig.SignInAsync(_media!, user, password, "desk.html");
        await page.CheckAsync("#phone-enable");
        await Expect(page.Locator("#phone-status")).ToHaveAttributeAsync("data-phone", "registered");
        return page;
    }

    private static Task<JsonElement> InboundAsync(IPage page) => page.EvaluateAsync<JsonElement>("""
        async () => {
          const pc = window.browserPhone?.call?.session?.connection;
          if (!pc) return { packetsReceived: 0, totalAudioEnergy: 0, state: 'no connection' };
          const state = pc.connectionState + '/' + pc.iceConnectionState;
          for (const s of (await pc.getStats()).values()) {
            if (s.type === 'inbound-rtp' && s.kind === 'audio') return { packetsReceived: s.packetsReceived ?? 0, totalAudioEnergy: s.totalAudioEnergy ?? 0, state };
          }
          return { packetsReceived: 0, totalAudioEnergy: 0, state };
        }
        """);

    /// <summary>The loudest sample of the right channel (the agent) of a 16-bit stereo WAV recording.</summary>
    private static int AgentPeak(string path)
    {
        using var reader = new NAudio.Wave.WaveFileReader(path);
        Assert.Equal(2, reader.WaveFormat.Channels);
        Assert.Equal(16, reader.WaveFormat.BitsPerSample);
        var buffer = new byte[16_000];
        var peak = 0;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            // Frames of 4 bytes: left (caller) then right (agent), little-endian 16-bit.
            for (var i = 2; i + 1 < read; i += 4)
            {
                peak = Math.Max(peak, Math.Abs((int)BitConverter.ToInt16(buffer, i)));
            }
        }

        return peak;
    }
}
