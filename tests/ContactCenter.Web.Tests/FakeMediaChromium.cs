using Microsoft.Playwright;

namespace ContactCenter.Web.Tests;

/// <summary>
/// Debian's Chromium with fake media devices for WebRTC tests (a class fixture): its fake microphone plays
/// <see cref="MicrophoneWav"/> in a loop (a 440 Hz tone 0.6 s, then 0.4 s of silence), permission is granted without a
/// prompt, loopback is allowed in peer connections, host candidates carry no mDNS names, audio plays without a gesture.
/// </summary>
public sealed class FakeMediaChromium : IAsyncLifetime
{
    /// <summary>The fake microphone's signal: tone for this long in each second, silence for the rest.</summary>
    public static readonly TimeSpan ToneOn = TimeSpan.FromMilliseconds(600);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The WAV file the fake microphone plays (48 kHz, 16-bit mono).</summary>
    public string MicrophoneWav { get; } = Path.Combine(Path.GetTempPath(), "cc-fake-mic-" + Guid.NewGuid().ToString("N")[..8] + ".wav");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium not started.");

    public async Task InitializeAsync()
    {
        WriteMicrophone(MicrophoneWav);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args =
            [
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", $"--use-file-for-fake-audio-capture={MicrophoneWav}",
                "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        File.Delete(MicrophoneWav);
    }

    /// <summary>Four seconds of 440 Hz at half scale for <see cref="ToneOn"/> of each second, silence between.</summary>
    private static void WriteMicrophone(string path)
    {
        const int rate = 48_000;
        using var writer = new NAudio.Wave.WaveFileWriter(path, new NAudio.Wave.WaveFormat(rate, 16, 1));
        var on = (int)(rate * ToneOn.TotalSeconds);
        var samples = new short[rate * 4];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = i % rate < on ? (short)(16_000 * Math.Sin(2 * Math.PI * 440 * i / rate)) : (short)0;
        }

        writer.WriteSamples(samples, 0, samples.Length);
    }
}
