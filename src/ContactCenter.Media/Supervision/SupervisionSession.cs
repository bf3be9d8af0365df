using ContactCenter.Media.Codecs;
using ContactCenter.Media.Dtmf;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Supervision;

/// <summary>
/// A supervisor on a live call (issue #19): the supervisor's leg hears both parties mixed (G.711 decoded, summed with
/// saturation, encoded for the supervisor's law) on the session's own 20 ms clock; in <see cref="SupervisionMode.Whisper"/>
/// the supervisor's voice is mixed into what the agent hears, in <see cref="SupervisionMode.Barge"/> into what both hear.
/// The mode may change at any time without touching the call. Disposing takes the supervisor out and leaves the
/// call as it was.
/// </summary>
public sealed class SupervisionSession : IMediaTap, IMediaPacketHandler, IMediaMixer, IAsyncDisposable
{
    private readonly MediaEndpoint _supervisor;
    private readonly MediaLegSide _agentSide;
    private readonly FrameQueue _fromA = new(), _fromB = new();
    private readonly FrameQueue _toA = new(), _toB = new();
    private readonly IDisposable _tap;
    private readonly IDisposable _mixer;
    private readonly ITimer _clock;
    private readonly int[] _mix = new int[G711.SamplesPerFrame];
    private readonly short[] _frame = new short[G711.SamplesPerFrame];
    private readonly short[] _decoded = new short[2_048];
    private readonly byte[] _packet = new byte[RtpPacket.FixedHeaderLength + G711.SamplesPerFrame];
    private readonly byte[] _payload = new byte[G711.SamplesPerFrame];
    private volatile SupervisionMode _mode;
    private ushort _sequence;
    private uint _timestamp;
    private int _ticking;
    private int _disposed;

    private SupervisionSession(MediaBridge bridge, MediaEndpoint supervisor, MediaLegSide agentSide, SupervisionMode mode, TimeProvider time)
    {
        _supervisor = supervisor;
        _agentSide = agentSide;
        _mode = mode;
        _tap = bridge.AddTap(this);
        _mixer = bridge.SetMixer(this);
        supervisor.SetHandler(this);
        _clock = time.CreateTimer(static s => _ = ((SupervisionSession)s!).TickAsync(), this, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20));
    }

    /// <summary>How the supervisor takes part now.</summary>
    public SupervisionMode Mode
    {
        get => _mode;
        set
        {
            _mode = value;
            if (value != SupervisionMode.Barge)
            {
                (_agentSide == MediaLegSide.A ? _toB : _toA).Clear(); // the client stops hearing the supervisor at once
            }

            if (value == SupervisionMode.Listen)
            {
                (_agentSide == MediaLegSide.A ? _toA : _toB).Clear();
            }
        }
    }

    /// <summary>Takes <paramref name="supervisor"/> (an endpoint of the relay) into <paramref name="bridge"/>'s call; <paramref name="agentSide"/> is the agent's leg.</summary>
    public static SupervisionSession Start(MediaBridge bridge, MediaEndpoint supervisor, MediaLegSide agentSide, SupervisionMode mode, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(supervisor);
        ArgumentNullException.ThrowIfNull(time);
        return new SupervisionSession(bridge, supervisor, agentSide, mode, time);
    }

    /// <inheritdoc />
    void IMediaTap.OnAudio(MediaLegSide source, ReadOnlySpan<short> samples) => (source == MediaLegSide.A ? _fromA : _fromB).Add(samples);

    /// <inheritdoc />
    void IMediaTap.OnDtmf(MediaLegSide source, DtmfEvent dtmf)
    {
    }

    /// <inheritdoc />
    bool IMediaMixer.TryMixInto(MediaLegSide target, Span<short> samples)
    {
        var mode = _mode;
        if (mode == SupervisionMode.Listen || (mode == SupervisionMode.Whisper && target != _agentSide))
        {
            return false;
        }

        Span<int> sum = stackalloc int[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            sum[i] = samples[i];
        }

        if (!(target == MediaLegSide.A ? _toA : _toB).MixInto(sum))
        {
            return false;
        }

        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Clamp(sum[i], short.MinValue, short.MaxValue);
        }

        return true;
    }

    /// <inheritdoc />
    ValueTask IMediaPacketHandler.OnRtpAsync(MediaEndpoint source, Memory<byte> packet, CancellationToken cancellationToken)
    {
        var mode = _mode;
        if (mode == SupervisionMode.Listen || !RtpPacket.TryParse(packet.Span, out var parsed)
            || !source.Format.TryGetAudioLaw(parsed.PayloadType, out var law) || parsed.Payload.Length > _decoded.Length)
        {
            return default; // listening: the supervisor's microphone goes nowhere
        }

        var samples = _decoded.AsSpan(0, parsed.Payload.Length);
        G711.Decode(law, parsed.Payload, samples);
        (_agentSide == MediaLegSide.A ? _toA : _toB).Add(samples);
        if (mode == SupervisionMode.Barge)
        {
            (_agentSide == MediaLegSide.A ? _toB : _toA).Add(samples);
        }

        return default;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _clock.DisposeAsync().ConfigureAwait(false);
        _mixer.Dispose();
        _tap.Dispose();
        _supervisor.SetHandler(null);
    }

    // Every 20 ms: one frame of each party (or silence) mixed and sent to the supervisor; ticks never overlap, so the
    // packet buffer is free again when the next one starts.
    private async Task TickAsync()
    {
        if (Volatile.Read(ref _disposed) != 0 || Interlocked.Exchange(ref _ticking, 1) != 0)
        {
            return; // a late tick never overlaps the previous one
        }

        try
        {
            Array.Clear(_mix);
            var heard = _fromA.MixInto(_mix) | _fromB.MixInto(_mix);
            if (!heard)
            {
                return;
            }

            for (var i = 0; i < _frame.Length; i++)
            {
                _frame[i] = (short)Math.Clamp(_mix[i], short.MinValue, short.MaxValue);
            }

            var format = _supervisor.Format;
            G711.Encode(format.Law, _frame, _payload);
            _ = new RtpPacket(format.AudioPayloadType, _sequence++, _timestamp, 0, _payload).TryWrite(_packet, out var length);
            _timestamp += G711.SamplesPerFrame;
            await _supervisor.SendRtpAsync(_packet.AsMemory(0, length), CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // the supervisor's leg closed under a tick
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }
}
