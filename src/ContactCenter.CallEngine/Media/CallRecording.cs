using System.Globalization;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.Media.Audio;
using ContactCenter.Media.Relay;

namespace ContactCenter.CallEngine.Media;

/// <summary>
/// One call's recording: a tap on the call's bridge writing an 8 kHz WAV (NAudio) under the recordings folder,
/// named after the call id. Disposing stops the tap and closes the file.
/// </summary>
internal sealed class CallRecording : IAsyncDisposable
{
    private readonly IDisposable _registration;
    private readonly CallRecordingTap _tap;
    private readonly CallRecordingWriter _writer;
    private readonly FileStream _file;

    private CallRecording(string path, FileStream file, CallRecordingWriter writer, CallRecordingTap tap, IDisposable registration)
    {
        Path = path;
        _file = file;
        _writer = writer;
        _tap = tap;
        _registration = registration;
    }

    /// <summary>The full path of the WAV file.</summary>
    public string Path { get; }

    /// <summary>The length recorded.</summary>
    public TimeSpan Duration => _writer.Duration;

    /// <summary>Starts recording <paramref name="bridge"/> into a new file for <paramref name="callId"/>.</summary>
    public static CallRecording Start(RecordingOptions options, Guid callId, DateTimeOffset now, MediaBridge bridge)
    {
        var folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(options.Directory,
            now.ToString("yyyy", CultureInfo.InvariantCulture), now.ToString("MM", CultureInfo.InvariantCulture), now.ToString("dd", CultureInfo.InvariantCulture)));
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, callId.ToString("D") + ".wav");
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        var writer = new CallRecordingWriter(file, options.Layout);
        var tap = new CallRecordingTap(writer);
        return new CallRecording(path, file, writer, tap, bridge.AddTap(tap));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _registration.Dispose();
        await _tap.DisposeAsync().ConfigureAwait(false);
        // The writer closes its stream; closing it here too makes sure the file is released before it is announced.
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
