using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Relay;

/// <summary>
/// Plays <see cref="G711Frames"/> to one leg as RTP at 20 ms pacing: its own SSRC, sequence number + 1 and
/// timestamp + 160 per packet, the marker bit on the first (RFC 3551 §4.1: start of a talkspurt). Once or
/// looping; for announcements, ringback and early media, and music on hold. Frames in the other G.711 law
/// are transcoded. Paced by a <see cref="TimeProvider"/> timer re-armed against the start time, so the
/// rate does not drift; after a stall of more than three frames the schedule restarts instead of bursting.
/// </summary>
public sealed class AnnouncementPlayer : IAsyncDisposable
{
    /// <summary>The time one frame lasts.</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(20);

    private const int MaxLateFrames = 3;

    private readonly IRtpPacketSink _sink;
    private readonly G711Frames _frames;
    private readonly MediaLegFormat _format;
    private readonly bool _loop;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly byte[] _buffer = new byte[RtpPacket.FixedHeaderLength + G711.SamplesPerFrame];
    private readonly TaskCompletionSource<bool> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private Task? _pending;
    private long _scheduleStart;
    private long _scheduleFrames;
    private int _index;
    private ushort _sequence;
    private uint _timestamp;
    private int _framesSent;
    private bool _stopped;

    /// <summary>Creates a player; nothing is sent before <see cref="Start"/>.</summary>
    /// <param name="sink">Where the packets go (usually a <see cref="MediaEndpoint"/>).</param>
    /// <param name="frames">What to play; must hold at least one frame.</param>
    /// <param name="format">The receiving leg's payload type and law.</param>
    /// <param name="loop">Whether to start again after the last frame until stopped.</param>
    /// <param name="time">Paces the frames.</param>
    public AnnouncementPlayer(IRtpPacketSink sink, G711Frames frames, MediaLegFormat format, bool loop, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        _sink = sink;
        _frames = frames;
        _format = format;
        _loop = loop;
        _time = time;
        Ssrc = RtpRandom.NextUInt32();
        _sequence = RtpRandom.NextUInt16();
        _timestamp = RtpRandom.NextUInt32();
    }

    /// <summary>The SSRC of the packets the player writes.</summary>
    public uint Ssrc { get; }

    /// <summary>How many frames have been sent.</summary>
    public int FramesSent => Volatile.Read(ref _framesSent);

    /// <summary>Completes with true when the last frame of a non-looping play was sent, false when stopped first.</summary>
    public Task<bool> Completion => _completion.Task;

    /// <summary>Sends the first frame now and the rest every 20 ms.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_timer is not null || _stopped)
            {
                return;
            }

            _scheduleStart = _time.GetTimestamp();
            _timer = _time.CreateTimer(static state => ((AnnouncementPlayer)state!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            SendNextAndSchedule();
        }
    }

    /// <summary>Stops playing; <see cref="Completion"/> gives false unless the play had already finished.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            Finish(playedToEnd: false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Task? pending;
        lock (_gate)
        {
            Finish(playedToEnd: false);
            pending = _pending;
        }

        if (pending is not null)
        {
            await pending;
        }
    }

    private void OnTick()
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                SendNextAndSchedule();
            }
        }
    }

    private void SendNextAndSchedule()
    {
        // A send still in flight owns the buffer: skip this frame rather than overwrite it.
        if (_pending is null || _pending.IsCompleted)
        {
            ValueTask send = SendFrame();
            _pending = send.IsCompletedSuccessfully ? null : send.AsTask();
        }

        _scheduleFrames++;
        if (!_loop && _index >= _frames.Count)
        {
            Finish(playedToEnd: true);
            return;
        }

        TimeSpan due = (FrameInterval * _scheduleFrames) - _time.GetElapsedTime(_scheduleStart);
        if (due < -(FrameInterval * MaxLateFrames))
        {
            _scheduleStart = _time.GetTimestamp();
            _scheduleFrames = 0;
            due = TimeSpan.Zero;
        }

        _timer!.Change(due > TimeSpan.Zero ? due : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
    }

    private ValueTask SendFrame()
    {
        if (_index >= _frames.Count)
        {
            _index = 0;
        }

        ReadOnlySpan<byte> frame = _frames[_index].Span;
        Span<byte> payload = _buffer.AsSpan(RtpPacket.FixedHeaderLength, frame.Length);
        G711.Transcode(_frames.Law, _format.Law, frame, payload);
        var packet = new RtpPacket(_format.AudioPayloadType, _sequence, _timestamp, Ssrc, payload) { Marker = _framesSent == 0 };
        packet.TryWrite(_buffer, out int length);
        _index++;
        _sequence++;
        _timestamp += G711.SamplesPerFrame;
        Volatile.Write(ref _framesSent, _framesSent + 1);
        return _sink.SendRtpAsync(_buffer.AsMemory(0, length), CancellationToken.None);
    }

    private void Finish(bool playedToEnd)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _timer?.Dispose();
        _completion.TrySetResult(playedToEnd);
    }
}
