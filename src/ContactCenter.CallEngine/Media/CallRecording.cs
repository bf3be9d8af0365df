using System.Globalization;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Audio;
using ContactCenter.Media.Relay;

namespace ContactCenter.CallEngine.Media;

/// <summary>
/// One call's recording: a tap on the call's bridge writing an 8 kHz WAV (NAudio) under the recordings folder,
/// named after the call id. It is written as <c>CALLID.wav.part</c> (readable by the service's user only) and, when
/// disposed, flushed to the disk and renamed to <c>CALLID.wav</c>, so a crash or a full disk never leaves a file that
/// looks complete. Not started when the volume is nearly full (<see cref="RecordingOptions.MinFreeMegabytes"/>).
/// </summary>
internal sealed class CallRecording : IAsyncDisposable
{
    private readonly IDisposable _registration;
    private readonly CallRecordingTap _tap;
    private readonly CallRecordingWriter _writer;
    private readonly RecordingFile _file;

    private CallRecording(RecordingFile file, CallRecordingWriter writer, CallRecordingTap tap, IDisposable registration)
    {
        _file = file;
        _writer = writer;
        _tap = tap;
        _registration = registration;
    }

    /// <summary>The full path of the WAV file (there once disposed).</summary>
    public string Path => _file.Path;

    /// <summary>Why the recording is not whole (a write failed, e.g. on a full disk), or null; set once disposed.</summary>
    public string? Problem { get; private set; }

    /// <summary>What <see cref="Path"/> holds once disposed: the whole call, the call up to a failed write, or nothing.</summary>
    public RecordingFileState FileState { get; private set; } = RecordingFileState.Complete;

    /// <summary>The length recorded.</summary>
    public TimeSpan Duration => _writer.Duration;

    /// <summary>
    /// Starts recording <paramref name="bridge"/> into a new file for <paramref name="callId"/>; throws
    /// <see cref="IOException"/> when the file cannot be made or the volume is nearly full (the call goes on unrecorded).
    /// </summary>
    public static CallRecording Start(RecordingOptions options, Guid callId, DateTimeOffset now, MediaBridge bridge)
    {
        var file = RecordingFile.Create(options, callId, now);
        var writer = new CallRecordingWriter(file.Stream, options.Layout);
        var tap = new CallRecordingTap(writer);
        return new CallRecording(file, writer, tap, bridge.AddTap(tap));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _registration.Dispose();
        await _tap.DisposeAsync().ConfigureAwait(false);
        var failure = _tap.Failure;
        try
        {
            await _file.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failure ??= ex; // the file could not be kept: it is not at Path
        }

        if (failure is not null)
        {
            var kept = File.Exists(Path) && Duration > TimeSpan.Zero;
            FileState = kept ? RecordingFileState.Partial : RecordingFileState.Missing;
            Problem = (kept ? string.Create(CultureInfo.InvariantCulture, $"recording stopped after {Duration.TotalSeconds:0.#} s: ") : "recording lost: ")
                + failure.Message;
        }
    }
}
