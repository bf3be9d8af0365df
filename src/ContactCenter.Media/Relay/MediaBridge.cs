using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Dtmf;
using ContactCenter.Media.Rtp;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Media.Relay;

/// <summary>
/// Relays media between two legs (A and B) of a call. RTP is forwarded both ways; on the way out each packet
/// enters the receiving endpoint's continuous stream (our SSRC, sequence and timestamp, see
/// <see cref="MediaEndpoint.SendRtpAsync"/>), so replacing a leg (<see cref="Replace"/>, after a transfer)
/// looks like one source to the other side. Audio is transcoded PCMU/PCMA when the legs' laws differ and its
/// payload type mapped per leg; telephone-event packets have only their payload type rewritten (dropped if
/// the receiving leg did not negotiate telephone-event); other payload types are dropped. RTCP is not relayed:
/// each endpoint terminates it and reports on the streams it really exchanges with its leg (see
/// <see cref="MediaEndpoint"/>). A held leg gets nothing; music on hold may play to the other leg instead of the
/// held leg's own media. Taps see decoded audio and DTMF. With no RTP from either leg for
/// <see cref="MediaOptions.SilenceTimeout"/> (not counted while a leg is on hold) <see cref="SilenceTimedOut"/>
/// is raised once. Disposing detaches the endpoints; it does not close them (the call owns its legs).
/// </summary>
public sealed class MediaBridge : IMediaPacketHandler, IAsyncDisposable
{
    private const int MaxSamples = 2_048;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly MediaMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _silenceTimeout;
    private volatile Leg _a;
    private volatile Leg _b;
    private volatile IMediaTap[] _taps = [];
    private volatile IMediaMixer? _mixer;
    private ITimer? _silenceTimer;
    private long _activitySinceUtcTicks;
    private bool _silenceRaised;
    private bool _disposed;

    internal MediaBridge(MediaEndpoint a, MediaEndpoint b, MediaOptions options, TimeProvider time, MediaMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (ReferenceEquals(a, b))
        {
            throw new ArgumentException("A bridge needs two different endpoints.", nameof(b));
        }

        _a = new Leg(a, MediaLegSide.A);
        _b = new Leg(b, MediaLegSide.B);
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _silenceTimeout = options.SilenceTimeout;
    }

    /// <summary>Raised once, from a timer thread, when neither leg has sent RTP for the silence timeout.</summary>
    public event EventHandler? SilenceTimedOut;

    /// <summary>Leg A's endpoint.</summary>
    public MediaEndpoint A => _a.Endpoint;

    /// <summary>Leg B's endpoint.</summary>
    public MediaEndpoint B => _b.Endpoint;

    /// <summary>Whether the leg on <paramref name="side"/> is on hold.</summary>
    public bool IsOnHold(MediaLegSide side) => GetLeg(side).OnHold;

    /// <summary>
    /// Puts the leg on <paramref name="side"/> on hold (it sent sendonly or inactive): nothing is relayed to it.
    /// With <paramref name="musicOnHold"/>, those frames loop to the other leg in place of the held leg's media.
    /// </summary>
    public void Hold(MediaLegSide side, G711Frames? musicOnHold = null)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Leg held = GetLeg(side);
            Leg other = GetOther(held);
            held.OnHold = true;
            held.MusicToOther?.Stop();
            held.MusicToOther = null;
            if (musicOnHold is not null)
            {
                var player = new AnnouncementPlayer(other.Endpoint, musicOnHold, other.Endpoint.Format, loop: true, _time);
                held.MusicToOther = player;
                player.Start();
            }
        }
    }

    /// <summary>Takes the leg on <paramref name="side"/> off hold: music on hold stops and relaying resumes.</summary>
    public void Resume(MediaLegSide side)
    {
        lock (_gate)
        {
            Leg held = GetLeg(side);
            held.OnHold = false;
            held.MusicToOther?.Stop();
            held.MusicToOther = null;
            _activitySinceUtcTicks = _time.GetUtcNow().UtcTicks;
        }
    }

    /// <summary>
    /// Puts <paramref name="endpoint"/> in place of the leg on <paramref name="side"/> (transfer, pick-up). The
    /// old endpoint is detached, not closed; the other leg's stream runs on without a jump.
    /// </summary>
    public void Replace(MediaLegSide side, MediaEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Leg old = GetLeg(side);
            Leg other = GetOther(old);
            if (ReferenceEquals(endpoint, other.Endpoint))
            {
                throw new ArgumentException("The endpoint is already the other leg of this bridge.", nameof(endpoint));
            }

            old.Endpoint.SetHandler(null);
            old.MusicToOther?.Stop();
            var replacement = new Leg(endpoint, side);
            if (side == MediaLegSide.A)
            {
                _a = replacement;
            }
            else
            {
                _b = replacement;
            }

            other.Endpoint.ChangeOutgoingSource();
            endpoint.SetHandler(this);
            _activitySinceUtcTicks = _time.GetUtcNow().UtcTicks;
        }
    }

    /// <summary>
    /// Sends <paramref name="digits"/> to the leg on <paramref name="side"/> as RFC 4733 telephone-events generated
    /// here (<see cref="DtmfSender"/>) at that leg's negotiated payload type; what the other leg sends it is held back
    /// meanwhile, so the events are the only source in its stream. False when the leg negotiated no telephone-event.
    /// </summary>
    public async Task<bool> SendDtmfAsync(MediaLegSide side, string digits, CancellationToken cancellationToken)
    {
        Leg to = GetLeg(side);
        if (to.Endpoint.Format.TelephoneEventPayloadType is not byte payloadType)
        {
            return false;
        }

        to.SendingDtmf = true;
        try
        {
            await new DtmfSender(to.Endpoint, payloadType, _time).SendAsync(digits, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            to.SendingDtmf = false;
        }

        return true;
    }

    /// <summary>Adds a tap (recording, DTMF); disposing the result removes it.</summary>
    public IDisposable AddTap(IMediaTap tap)
    {
        ArgumentNullException.ThrowIfNull(tap);
        lock (_gate)
        {
            _taps = [.. _taps, tap];
        }

        return new TapRegistration(this, tap);
    }

    /// <summary>
    /// Mixes <paramref name="mixer"/>'s audio into what each leg is sent (one mixer at a time; it should also be a tap,
    /// so that the forwarded audio is decoded); dispose the result to stop.
    /// </summary>
    public IDisposable SetMixer(IMediaMixer mixer)
    {
        ArgumentNullException.ThrowIfNull(mixer);
        if (Interlocked.CompareExchange(ref _mixer, mixer, null) is not null)
        {
            throw new InvalidOperationException("The bridge already has a mixer.");
        }

        return new MixerRegistration(this, mixer);
    }

    /// <inheritdoc/>
    public ValueTask OnRtpAsync(MediaEndpoint source, Memory<byte> packet, CancellationToken cancellationToken)
    {
        Leg? from = ReferenceEquals(source, _a.Endpoint) ? _a : ReferenceEquals(source, _b.Endpoint) ? _b : null;
        if (from is null || !RtpPacket.TryParse(packet.Span, out RtpPacket parsed))
        {
            return default; // a leg replaced while its packet was in flight
        }

        Leg to = GetOther(from);
        MediaLegFormat inFormat = source.Format;
        MediaLegFormat outFormat = to.Endpoint.Format;
        IMediaTap[] taps = _taps;
        bool forward = !to.OnHold && from.MusicToOther is null && !to.SendingDtmf;
        Span<byte> span = packet.Span;
        // Decoded by the packet's own payload type: before the answer to our offer, any law it listed may arrive.
        if (inFormat.TryGetAudioLaw(parsed.PayloadType, out G711Law inLaw))
        {
            if (taps.Length > 0 && parsed.Payload.Length <= MaxSamples)
            {
                Span<short> samples = from.Decoded.AsSpan(0, parsed.Payload.Length);
                G711.Decode(inLaw, parsed.Payload, samples);
                foreach (IMediaTap tap in taps)
                {
                    tap.OnAudio(from.Side, samples);
                }
            }

            if (!forward)
            {
                _metrics.Dropped(MediaDropReasons.OnHold);
                return default;
            }

            // A supervisor whispering or barging in: the decoded frame plus theirs, encoded for the receiving leg.
            if (_mixer is { } mixer && taps.Length > 0 && parsed.Payload.Length <= MaxSamples)
            {
                Span<short> mixed = from.Decoded.AsSpan(0, parsed.Payload.Length);
                if (mixer.TryMixInto(to.Side, mixed))
                {
                    G711.Encode(outFormat.Law, mixed, span.Slice(parsed.HeaderLength, parsed.Payload.Length));
                    SetPayloadType(span, outFormat.AudioPayloadType);
                    return to.Endpoint.SendRtpAsync(packet, cancellationToken);
                }
            }

            if (inLaw != outFormat.Law)
            {
                Span<byte> payload = span.Slice(parsed.HeaderLength, parsed.Payload.Length);
                G711.Transcode(inLaw, outFormat.Law, payload, payload);
                _metrics.Transcoded();
            }

            SetPayloadType(span, outFormat.AudioPayloadType);
            return to.Endpoint.SendRtpAsync(packet, cancellationToken);
        }

        if (parsed.PayloadType == inFormat.TelephoneEventPayloadType)
        {
            if (taps.Length > 0 && from.Detector.TryProcess(parsed, out DtmfEvent? dtmf))
            {
                foreach (IMediaTap tap in taps)
                {
                    tap.OnDtmf(from.Side, dtmf);
                }
            }

            if (!forward || outFormat.TelephoneEventPayloadType is not byte outType)
            {
                _metrics.Dropped(forward ? MediaDropReasons.PayloadType : MediaDropReasons.OnHold);
                return default;
            }

            SetPayloadType(span, outType);
            return to.Endpoint.SendRtpAsync(packet, cancellationToken);
        }

        _metrics.Dropped(MediaDropReasons.PayloadType);
        return default;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return default;
            }

            _disposed = true;
            _silenceTimer?.Dispose();
            _a.Endpoint.SetHandler(null);
            _b.Endpoint.SetHandler(null);
            _a.MusicToOther?.Stop();
            _b.MusicToOther?.Stop();
        }

        _metrics.BridgeClosed();
        return default;
    }

    internal void Start()
    {
        lock (_gate)
        {
            _activitySinceUtcTicks = _time.GetUtcNow().UtcTicks;
            _a.Endpoint.SetHandler(this);
            _b.Endpoint.SetHandler(this);
            _silenceTimer = _time.CreateTimer(static state => ((MediaBridge)state!).CheckSilence(), this, _silenceTimeout, Timeout.InfiniteTimeSpan);
        }

        _metrics.BridgeOpened();
    }

    private static void SetPayloadType(Span<byte> packet, byte payloadType) => packet[1] = (byte)((packet[1] & 0x80) | payloadType);

    private void CheckSilence()
    {
        lock (_gate)
        {
            if (_disposed || _silenceRaised)
            {
                return;
            }

            long now = _time.GetUtcNow().UtcTicks;
            long last = Math.Max(_activitySinceUtcTicks, Math.Max(_a.Endpoint.LastPacketUtcTicks, _b.Endpoint.LastPacketUtcTicks));
            TimeSpan quiet = TimeSpan.FromTicks(now - last);
            if (_a.OnHold || _b.OnHold || quiet < _silenceTimeout)
            {
                TimeSpan due = _a.OnHold || _b.OnHold ? _silenceTimeout : _silenceTimeout - quiet;
                _silenceTimer?.Change(due, Timeout.InfiniteTimeSpan);
                return;
            }

            _silenceRaised = true;
        }

        _metrics.SilenceTimedOut();
        _logger.SilenceTimedOut(A.LocalRtpEndPoint, B.LocalRtpEndPoint, _silenceTimeout);
        SilenceTimedOut?.Invoke(this, EventArgs.Empty);
    }

    private Leg GetLeg(MediaLegSide side) => side == MediaLegSide.A ? _a : _b;

    private Leg GetOther(Leg leg) => leg.Side == MediaLegSide.A ? _b : _a;

    private void RemoveTap(IMediaTap tap)
    {
        lock (_gate)
        {
            _taps = [.. _taps.Where(t => !ReferenceEquals(t, tap))];
        }
    }

    /// <summary>One side's endpoint and the state the bridge keeps for what it receives.</summary>
    private sealed class Leg(MediaEndpoint endpoint, MediaLegSide side)
    {
        public MediaEndpoint Endpoint { get; } = endpoint;

        public MediaLegSide Side { get; } = side;

        /// <summary>Used only from this leg's receive loop.</summary>
        public DtmfEventDetector Detector { get; } = new();

        private short[]? _decoded;

        /// <summary>Decoded audio for taps; used only from this leg's receive loop, made with its first audio (a leg that never carries any costs none).</summary>
        public short[] Decoded => _decoded ??= new short[MaxSamples];

        public volatile bool OnHold;

        /// <summary>Digits generated by the bridge are being sent to this leg (nothing is relayed to it meanwhile).</summary>
        public volatile bool SendingDtmf;

        /// <summary>Music on hold playing to the other leg while this one is held.</summary>
        public volatile AnnouncementPlayer? MusicToOther;
    }

    private sealed class MixerRegistration(MediaBridge bridge, IMediaMixer mixer) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref bridge._mixer, null, mixer);
    }

    private sealed class TapRegistration(MediaBridge bridge, IMediaTap tap) : IDisposable
    {
        public void Dispose() => bridge.RemoveTap(tap);
    }
}
