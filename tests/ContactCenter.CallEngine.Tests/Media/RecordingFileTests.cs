using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Media;

namespace ContactCenter.CallEngine.Tests.Media;

/// <summary>
/// A recording's file goes under the day's folder, which is made once per day rather than checked per call (issue #14);
/// a folder removed since (an operator clearing the volume) is made again, so the next call is still recorded.
/// </summary>
public sealed class RecordingFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cc-recording-file-").FullName;

    [Fact]
    public async Task Create_TheDaysFolderRemovedSinceTheLastCall_MadeAgain_AndTheRecordingCompletes()
    {
        var options = new RecordingOptions { Directory = _root, MinFreeMegabytes = 0 };
        var day = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        // No await until the second file is made: the folder is remembered per thread, and this must be the same thread.
        var first = RecordingFile.Create(options, Guid.NewGuid(), day);
        Assert.True(File.Exists(first.Path + ".part"));
        first.Discard();

        Directory.Delete(Path.Combine(_root, "2026"), recursive: true);
        var second = RecordingFile.Create(options, Guid.NewGuid(), day);
        await second.CompleteAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Path.Combine(_root, "2026", "12", "07"), Path.GetDirectoryName(second.Path));
        Assert.True(File.Exists(second.Path));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
