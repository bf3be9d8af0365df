using System.Diagnostics.Metrics;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Media;
using ContactCenter.Media.Audio;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Relay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.CallEngine.Tests.Media;

/// <summary>Issue #15: a recording is never left looking complete when it is not, and never fills the disk.</summary>
public sealed class CallRecordingTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-rec-test-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private MediaRelay _relay = null!;
    private MediaEndpoint _a = null!;
    private MediaEndpoint _b = null!;
    private MediaBridge _bridge = null!;

    public Task InitializeAsync()
    {
        var first = 30_000 + (2 * Random.Shared.Next(0, 5_000));
        var options = Microsoft.Extensions.Options.Options.Create(new MediaOptions { PortMin = first, PortMax = first + 7, RtcpInterval = TimeSpan.Zero });
        var metrics = new MediaMetrics(_services.GetRequiredService<IMeterFactory>());
        _relay = new MediaRelay(new RtpPortAllocator(options.Value.PortRange, metrics), options, metrics, TimeProvider.System, NullLoggerFactory.Instance);
        Assert.True(_relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out var a));
        Assert.True(_relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out var b));
        (_a, _b) = (a, b);
        _bridge = _relay.CreateBridge(_a, _b);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bridge.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _relay.Dispose();
        await _services.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task WhileRecording_OnlyAPartFileReadableByTheServiceAlone_AfterwardsTheWavAndNoPart()
    {
        var callId = Guid.NewGuid();
        var recording = CallRecording.Start(Settings(0), callId, new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero), _bridge);
        var part = recording.Path + ".part";

        var duringWav = File.Exists(recording.Path);
        var duringPart = File.Exists(part);
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(part);
        await recording.DisposeAsync();

        Assert.False(duringWav, "a file named .wav existed before the recording was complete");
        Assert.True(duringPart);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.True(File.Exists(recording.Path));
        Assert.False(File.Exists(part));
        Assert.EndsWith(Path.Combine("2026", "12", "05", callId.ToString("D") + ".wav"), recording.Path, StringComparison.Ordinal);
        Assert.Null(recording.Problem);
    }

    [Fact]
    public void VolumeNearlyFull_NotStarted_TheReasonNamesTheSetting()
    {
        var error = Assert.ThrowsAny<IOException>(() => CallRecording.Start(Settings(long.MaxValue / (1024 * 1024)), Guid.NewGuid(), DateTimeOffset.UtcNow, _bridge));

        Assert.Contains("Sip:Recording:MinFreeMegabytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories));
    }

    private RecordingOptions Settings(long minFreeMegabytes) =>
        new() { Directory = _folder, Layout = RecordingLayout.MonoMix, MinFreeMegabytes = minFreeMegabytes };
}
