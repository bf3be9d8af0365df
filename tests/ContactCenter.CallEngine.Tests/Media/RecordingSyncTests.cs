using ContactCenter.CallEngine.Media;

namespace ContactCenter.CallEngine.Tests.Media;

/// <summary>
/// Finished recordings are flushed in groups on a thread of their own and renamed only then (issue #14): a burst of
/// them all end under their final names with what was written, none left as a part file, and one that cannot be
/// renamed fails alone.
/// </summary>
public sealed class RecordingSyncTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-recording-sync-").FullName;

    [Fact]
    public async Task CompleteAsync_BurstOf200_AllRenamedWithTheirContent_NoPartFileLeft()
    {
        var files = Enumerable.Range(0, 200).Select(i => (Part: Path.Combine(_folder, $"{i}.wav.part"), Final: Path.Combine(_folder, $"{i}.wav"))).ToList();
        foreach (var (part, _) in files)
        {
            await File.WriteAllTextAsync(part, "audio of " + Path.GetFileName(part));
        }

        await Task.WhenAll(files.Select(f => RecordingSync.Shared.CompleteAsync(f.Part, f.Final))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(Directory.GetFiles(_folder, "*.part"));
        Assert.All(files, f => Assert.Equal("audio of " + Path.GetFileName(f.Part), File.ReadAllText(f.Final)));
    }

    [Fact]
    public async Task CompleteAsync_PartFileGone_ThatOneFails_TheOthersComplete()
    {
        var kept = Path.Combine(_folder, "kept.wav");
        await File.WriteAllTextAsync(kept + ".part", "audio");

        var gone = RecordingSync.Shared.CompleteAsync(Path.Combine(_folder, "gone.wav.part"), Path.Combine(_folder, "gone.wav"));
        var done = RecordingSync.Shared.CompleteAsync(kept + ".part", kept);

        await Assert.ThrowsAsync<FileNotFoundException>(() => gone.WaitAsync(TimeSpan.FromSeconds(30)));
        await done.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("audio", File.ReadAllText(kept));
    }

    [Fact]
    public async Task CompleteAsync_WithinTheWindowOfTheLastSync_WaitsForItsEnd_ThenItIsRenamed()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var sync = new RecordingSync(time, TimeSpan.FromMilliseconds(20));
        var paths = Enumerable.Range(0, 3).Select(i => Path.Combine(_folder, $"w{i}.wav")).ToList();
        foreach (var path in paths)
        {
            await File.WriteAllTextAsync(path + ".part", "audio");
        }

        await sync.CompleteAsync(paths[0] + ".part", paths[0]).WaitAsync(TimeSpan.FromSeconds(30)); // the first: at once
        var second = sync.CompleteAsync(paths[1] + ".part", paths[1]);
        var third = sync.CompleteAsync(paths[2] + ".part", paths[2]);
        await Task.Delay(300);
        Assert.False(second.IsCompleted || third.IsCompleted, "synced within the window of the last sync");
        Assert.False(File.Exists(paths[1]));

        for (var i = 0; i < 200 && !(second.IsCompleted && third.IsCompleted); i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(20)); // the window ends (again, should the thread have been slow to start waiting)
            await Task.Delay(50);
        }

        await Task.WhenAll(second, third);
        Assert.All(paths, p => Assert.Equal("audio", File.ReadAllText(p)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
