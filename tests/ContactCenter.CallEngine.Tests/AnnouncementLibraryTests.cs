using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Media;
using ContactCenter.Media.Codecs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NAudio.Wave;

namespace ContactCenter.CallEngine.Tests;

/// <summary>Replacing an announcement: checked, converted to 8 kHz mono, written atomically, and what the next call gets.</summary>
public sealed class AnnouncementLibraryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-announcements-").FullName;
    private readonly AnnouncementLibrary _library;

    public AnnouncementLibraryTests()
    {
        File.WriteAllBytes(Path.Combine(_folder, "greeting.wav"), Tone(8_000, 1, TimeSpan.FromSeconds(1)));
        var options = new AnnouncementOptions { Directory = _folder, Files = { ["greeting"] = "greeting.wav" } };
        _library = new AnnouncementLibrary(new FixedOptions(options), NullLogger<AnnouncementLibrary>.Instance);
    }

    [Fact]
    public async Task ReplaceAsync_StereoAt16kHz_NextGetReturnsTheNewFramesAt8kHzMono()
    {
        var before = await _library.GetAsync("greeting", G711Law.Pcmu, CancellationToken.None);

        var result = await _library.ReplaceAsync("greeting", Tone(16_000, 2, TimeSpan.FromSeconds(3)), CancellationToken.None);
        var after = await _library.GetAsync("greeting", G711Law.Pcmu, CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(50, before!.Count);
        Assert.Equal(150, after!.Count); // 3 s of 20 ms frames
        Assert.Equal((8_000, 1), (result.Announcement!.SampleRate, result.Announcement.Channels));
        Assert.Equal(["greeting.wav"], Directory.GetFiles(_folder).Select(Path.GetFileName)); // no temporary file left behind
    }

    [Theory]
    [InlineData("greeting", "not a WAV file", "is not a WAV file NAudio can read")]
    [InlineData("../greeting", "", "is not an announcement name")]
    [InlineData("Greeting", "", "is not an announcement name")]
    public async Task ReplaceAsync_BadFileOrName_RefusedAndTheOldFileStays(string name, string content, string error)
    {
        var upload = content.Length > 0 ? System.Text.Encoding.ASCII.GetBytes(content) : Tone(8_000, 1, TimeSpan.FromSeconds(2));

        var result = await _library.ReplaceAsync(name, upload, CancellationToken.None);

        Assert.Null(result.Announcement);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
        Assert.Equal(50, (await _library.GetAsync("greeting", G711Law.Pcmu, CancellationToken.None))!.Count);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_folder)!, "greeting.wav")));
    }

    [Fact]
    public void List_ConfiguredAndPromptPiecesInTheFolder_ByName()
    {
        File.WriteAllBytes(Path.Combine(_folder, "number-3.wav"), Tone(8_000, 1, TimeSpan.FromMilliseconds(500)));

        var list = _library.List();

        Assert.Equal(["greeting", "number-3"], list.Select(a => a.Name));
        Assert.True(list[0].Configured);
        Assert.False(list[1].Configured);
        Assert.Equal(TimeSpan.FromMilliseconds(500), list[1].Duration);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A 440 Hz tone as a 16-bit PCM WAV.</summary>
    internal static byte[] Tone(int sampleRate, int channels, TimeSpan length)
    {
        using var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(stream, new WaveFormat(sampleRate, 16, channels)))
        {
            var frames = (int)(sampleRate * length.TotalSeconds);
            for (var i = 0; i < frames; i++)
            {
                var sample = (short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 8_000);
                for (var c = 0; c < channels; c++)
                {
                    writer.WriteSample(sample / 32_768f);
                }
            }
        }

        return stream.ToArray();
    }

    private sealed class FixedOptions(AnnouncementOptions value) : IOptionsMonitor<AnnouncementOptions>
    {
        public AnnouncementOptions CurrentValue => value;

        public AnnouncementOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AnnouncementOptions, string?> listener) => null;
    }
}
