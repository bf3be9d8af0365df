using ContactCenter.CallEngine.Configuration;
using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Dtmf;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;

namespace ContactCenter.CallEngine.Media;

/// <summary>
/// A caller's message recorded alone: the packet handler of the caller's unbridged leg writes its G.711 audio to a mono
/// WAV (the <see cref="RecordingFile"/> of the call) and reports <c>#</c> pressed (RFC 4733) through <see cref="Finished"/>.
/// It measures the frames with speech-level energy, so a message of silence (or line noise) can be told from a real one.
/// Disposed by the call's end (<see cref="CloseAsync"/>): the file is completed, or deleted when the message is not worth a task.
/// </summary>
internal sealed class VoicemailRecording : IMediaPacketHandler, IAsyncDisposable
{
    // About -40 dBFS: above the hiss of a quiet line, well below speech (typically -30 to -10 dBFS).
    private const double VoicedRms = 330;

    private readonly MediaEndpoint _endpoint;
    private readonly RecordingFile _file;
    private readonly CallRecordingWriter _writer;
    private readonly CallRecordingTap _tap;
    private readonly DtmfEventDetector _detector = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly short[] _samples = new short[G711.SamplesPerFrame * 4];
    private int _voicedFrames;
    private int _closed;

    private VoicemailRecording(MediaEndpoint endpoint, RecordingFile file)
    {
        _endpoint = endpoint;
        _file = file;
        _writer = new CallRecordingWriter(file.Stream, RecordingLayout.MonoMix);
        _tap = new CallRecordingTap(_writer);
    }

    /// <summary>Completes when the caller pressed <c>#</c> (the message is over).</summary>
    public Task Finished => _finished.Task;

    /// <summary>The full path of the WAV file (there once closed and kept).</summary>
    public string Path => _file.Path;

    /// <summary>The length recorded (final once closed).</summary>
    public TimeSpan Duration => _writer.Duration;

    /// <summary>How long the caller's audio had speech-level energy.</summary>
    public TimeSpan Voiced => TimeSpan.FromMilliseconds(20.0 * Volatile.Read(ref _voicedFrames));

    /// <summary>Starts recording what <paramref name="endpoint"/> receives into a new file for <paramref name="callId"/> (throws <see cref="IOException"/> like a call recording).</summary>
    public static VoicemailRecording Start(RecordingOptions options, Guid callId, DateTimeOffset now, MediaEndpoint endpoint)
    {
        var file = RecordingFile.Create(options, callId, now);
        VoicemailRecording recording;
        try
        {
            recording = new VoicemailRecording(endpoint, file);
        }
        catch (IOException)
        {
            file.Discard();
            throw;
        }

        endpoint.SetHandler(recording);
        return recording;
    }

    /// <inheritdoc />
    public ValueTask OnRtpAsync(MediaEndpoint source, Memory<byte> packet, CancellationToken cancellationToken)
    {
        if (!RtpPacket.TryParse(packet.Span, out var parsed))
        {
            return ValueTask.CompletedTask;
        }

        var format = source.Format;
        if (parsed.PayloadType == format.TelephoneEventPayloadType)
        {
            if (_detector.TryProcess(parsed, out var dtmf) && dtmf.Digit == '#')
            {
                _finished.TrySetResult();
            }
        }
        else if (format.TryGetAudioLaw(parsed.PayloadType, out var law) && parsed.Payload.Length is > 0 and <= G711.SamplesPerFrame * 4)
        {
            var samples = _samples.AsSpan(0, parsed.Payload.Length);
            G711.Decode(law, parsed.Payload, samples);
            if (Rms(samples) >= VoicedRms)
            {
                Interlocked.Increment(ref _voicedFrames);
            }

            _tap.OnAudio(MediaLegSide.A, samples);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Stops listening and closes the file: kept (true) when it is at least <paramref name="minimum"/> long with at least
    /// <paramref name="minimumVoiced"/> of speech-level audio, else deleted (false). Only the first call does anything.
    /// </summary>
    public async Task<bool> CloseAsync(TimeSpan minimum, TimeSpan minimumVoiced)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return false;
        }

        _endpoint.SetHandler(null);
        _finished.TrySetResult();
        await _tap.DisposeAsync().ConfigureAwait(false);
        if (Duration >= minimum && Voiced >= minimumVoiced)
        {
            await _file.CompleteAsync().ConfigureAwait(false);
            return true;
        }

        await _file.DiscardAsync().ConfigureAwait(false);
        return false;
    }

    /// <summary>Discards the message unless <see cref="CloseAsync"/> ran first.</summary>
    public async ValueTask DisposeAsync() => await CloseAsync(TimeSpan.MaxValue, TimeSpan.MaxValue).ConfigureAwait(false);

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }
}
