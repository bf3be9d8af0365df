using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The desk's browser phone as the tests drive it: switched on, answering, and its calls' WebRTC stats.</summary>
internal static class BrowserPhonePage
{
    public static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 30_000 };

    /// <summary>Signs in to the desk in <paramref name="browser"/> and switches the browser phone on (registered).</summary>
    public static async Task<IPage> PhoneOnAsync(WebRig rig, IBrowser browser, string user, string password)
    {
        var page = await rig.SignInAsync(browser, user, password, "desk.html");
        await page.CheckAsync("#phone-enable");
        await Expect(page.Locator("#phone-status")).ToHaveAttributeAsync("data-phone", "registered");
        return page;
    }

    /// <summary>Waits for the call to ring in the page, answers it there and waits until it is talking.</summary>
    public static async Task AnswerAsync(IPage page)
    {
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "ringing", Soon);
        await page.ClickAsync("#phone-answer");
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "talking", Soon);
    }

    /// <summary>
    /// Waits until the peer connection <paramref name="connection"/> (a page expression) has received
    /// <paramref name="packets"/> RTP packets (WebRTC stats: packetsReceived, totalAudioEnergy, state and the codec's
    /// mimeType, e.g. audio/PCMU); fails saying what it saw.
    /// </summary>
    public static async Task<JsonElement> WaitInboundAsync(WebRig rig, IPage page, int packets, string connection = "window.browserPhone?.call?.session?.connection")
    {
        var inbound = await InboundAsync(page, connection);
        var seen = new List<string>();
        for (var i = 0; i < 100 && inbound.GetProperty("packetsReceived").GetInt32() < packets; i++)
        {
            await Task.Delay(200);
            inbound = await InboundAsync(page, connection);
            seen.Add(inbound.ToString());
        }

        Assert.True(inbound.GetProperty("packetsReceived").GetInt32() >= packets, "audio reaches the browser: " + string.Join("\n", seen.Distinct())
            + string.Join("\n", rig.Host.Output.Split('\n').Where(l => l.Contains("WebRTC", StringComparison.Ordinal) || l.Contains("media:", StringComparison.Ordinal))));
        return inbound;
    }

    private static Task<JsonElement> InboundAsync(IPage page, string connection) => page.EvaluateAsync<JsonElement>($$"""
        async () => {
          const pc = {{connection}};
          if (!pc) return { packetsReceived: 0, totalAudioEnergy: 0, state: 'no connection' };
          const state = pc.connectionState + '/' + pc.iceConnectionState;
          const stats = await pc.getStats();
          for (const s of stats.values()) {
            if (s.type === 'inbound-rtp' && s.kind === 'audio') {
              const codec = s.codecId ? stats.get(s.codecId)?.mimeType ?? '' : '';
              return { packetsReceived: s.packetsReceived ?? 0, totalAudioEnergy: s.totalAudioEnergy ?? 0, state, codec };
            }
          }
          return { packetsReceived: 0, totalAudioEnergy: 0, state, codec: '' };
        }
        """);
}
