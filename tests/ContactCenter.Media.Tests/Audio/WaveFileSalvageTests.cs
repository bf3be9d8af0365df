using ContactCenter.Media.Audio;
using NAudio.Wave;

namespace ContactCenter.Media.Tests.Audio;

/// <summary>A recording cut short by a full disk: its header never got its sizes, and its last frame may be torn.</summary>
public sealed class WaveFileSalvageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-salvage-").FullName;

    [Fact]
    public void TryFinish_HeaderWithoutSizesAndATornFrame_PlaysTheWholeFramesWritten()
    {
        var path = CutShort(frames: 8_000, tornBytes: 3);

        var kept = WaveFileSalvage.TryFinish(path);

        Assert.Equal(TimeSpan.FromSeconds(1), kept);
        using var reader = new WaveFileReader(path);
        Assert.Equal(TimeSpan.FromSeconds(1), reader.TotalTime);
        var samples = new byte[32_000];
        Assert.Equal(32_000, reader.Read(samples, 0, samples.Length));
        Assert.Equal(0, reader.Read(samples, 0, samples.Length));
    }

    [Fact]
    public void TryFinish_HeaderOnly_KeepsNothing()
    {
        var path = CutShort(frames: 0, tornBytes: 0);

        Assert.Null(WaveFileSalvage.TryFinish(path));
    }

    [Fact]
    public void TryFinish_EmptyFile_KeepsNothing()
    {
        var path = Path.Combine(_folder, "empty.wav");
        File.WriteAllBytes(path, []);

        Assert.Null(WaveFileSalvage.TryFinish(path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // What a writer leaves when the disk fills: the header as first written (sizes not yet known), then the audio that fitted.
    private string CutShort(int frames, int tornBytes)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".wav");
        var audio = new byte[(frames * 4) + tornBytes];
        Random.Shared.NextBytes(audio);
        var stream = new MemoryStream();
        var writer = new WaveFileWriter(stream, new WaveFormat(8_000, 16, 2));
        writer.Write(audio, 0, audio.Length);
        File.WriteAllBytes(path, stream.ToArray()); // before the writer's Dispose fills in the sizes
        writer.Dispose();
        return path;
    }
}
