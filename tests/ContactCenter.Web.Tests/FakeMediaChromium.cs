using Microsoft.Playwright;

namespace ContactCenter.Web.Tests;

/// <summary>
/// Debian's Chromium with fake media devices for WebRTC tests: a beeping fake microphone, permission granted without a
/// prompt, loopback allowed in peer connections, host candidates without mDNS names, audio played without a gesture.
/// </summary>
internal static class FakeMediaChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args =
            [
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
            ],
        });
}
