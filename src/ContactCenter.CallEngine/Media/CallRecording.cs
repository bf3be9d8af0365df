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
    private TimeSpan? _kept;

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

    /// <summary>The failure behind <see cref="Problem"/>, or null; set once disposed.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>What <see cref="Path"/> holds once disposed: the whole call, the call up to a failed write, or nothing.</summary>
    public RecordingFileState FileState { get; private set; } = RecordingFileState.Complete;

    /// <summary>The length recorded (once disposed: the length kept in the file).</summary>
    public TimeSpan Duration => _kept ?? _writer.Duration;

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
        if (failure is null)
        {
            try
            {
                await _file.CompleteAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failure = ex;
            }
        }

        // A write failed (a full disk): what reached the disk is kept playable, or the part file goes.
        _kept = await _file.SalvageAsync().ConfigureAwait(false) ?? TimeSpan.Zero;
        Failure = failure;
        FileState = _kept > TimeSpan.Zero ? RecordingFileState.Partial : RecordingFileState.Missing;
        Problem = (FileState == RecordingFileState.Partial
            ? string.Create(CultureInfo.InvariantCulture, $"recording stopped after {_kept.Value.TotalSeconds:0.#} s: ")
            : "recording lost: ") + failure.Message;
    }
}
