using System.Net;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Relay;
using ContactCenter.Media.WebRtc;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sdp.WebRtc;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>
/// One browser leg's two descriptions: toward the browser our WebRTC offer (kept for the leg's life: a re-offer of the
/// browser is answered with the same ICE credentials, fingerprint and port), toward the engine a plain G.711 phone at the
/// bridge's call port answering the engine's offers. The browser's codec and the engine's law configure the bridge.
/// </summary>
internal sealed class BrowserBranchMedia : IBranchMedia
{
    /// <summary>How long the browser has, after its answer, to complete ICE and DTLS before the leg counts as lost.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(20);

    private const byte CallEventPayloadType = 101;

    private readonly WebRtcCallBridge _bridge;
    private readonly SdpWebRtcLocal _local;
    private readonly SdpOriginTracker _browserOrigin;
    private readonly SdpOriginTracker _callOrigin;
    private readonly SdpSession _engineOffer;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private WebRtcAudioFormat? _browser;
    private MediaLegFormat? _call;
    private ITimer? _handshakeTimer;
    private int _disposed;

    public BrowserBranchMedia(WebRtcCallBridge bridge, SdpWebRtcLocal local, SdpSession engineOffer, TimeProvider time)
    {
        (_bridge, _local, _engineOffer, _time) = (bridge, local, engineOffer, time);
        _browserOrigin = new SdpOriginTracker(local.Address, SdpOrigin.NewSessionId(), 1, "contactcenter");
        _callOrigin = new SdpOriginTracker(local.Address, SdpOrigin.NewSessionId(), 1, "contactcenter");
        Offer = SdpWebRtcOffer.Create(local, _browserOrigin);
    }

    /// <inheritdoc />
    public SdpSession Offer { get; }

    /// <inheritdoc />
    public Task Failed => _failed.Task;

    /// <inheritdoc />
    public SdpSession? AcceptAnswer(SdpSession answer)
    {
        var result = SdpWebRtcOffer.ProcessAnswer(Offer, answer, _local);
        if (!result.IsAccepted || FormatOf(result.Audio!) is not { } browser)
        {
            return null;
        }

        _bridge.Browser.SetRemoteFingerprint(result.Remote!.Fingerprint);
        SdpSession? engineAnswer;
        lock (_gate)
        {
            _browser = browser;
            engineAnswer = AnswerEngineLocked(_engineOffer);
        }

        if (engineAnswer is not null)
        {
            WatchHandshake();
        }

        return engineAnswer;
    }

    /// <inheritdoc />
    public SdpSession? AnswerEngineOffer(SdpSession offer)
    {
        lock (_gate)
        {
            return _browser is null ? null : AnswerEngineLocked(offer);
        }
    }

    /// <inheritdoc />
    public async ValueTask<SdpSession?> AnswerContactOfferAsync(SdpSession offer, Func<SdpSession, ValueTask<SdpSession?>> askEngine)
    {
        ArgumentNullException.ThrowIfNull(askEngine);
        var answered = SdpWebRtcAnswer.Create(offer, _local, _browserOrigin);
        if (!answered.IsAccepted || FormatOf(answered.Audio!) is not { } browser)
        {
            return null;
        }

        // The browser's hold or resume, offered to the engine as a phone would: its direction, our call port.
        SdpLocalCapabilities capabilities;
        SdpSession engineOffer;
        lock (_gate)
        {
            capabilities = CallCapabilities(_call?.Law ?? browser.Law, Reverse(answered.Audio!.Direction));
            engineOffer = SdpOfferAnswer.CreateOffer(capabilities, _callOrigin);
        }

        if (await askEngine(engineOffer).ConfigureAwait(false) is not { } engineAnswer)
        {
            return null;
        }

        var processed = SdpOfferAnswer.ProcessAnswer(engineOffer, engineAnswer, capabilities);
        if (!processed.IsAccepted)
        {
            return null;
        }

        lock (_gate)
        {
            _browser = browser;
            ApplyLocked(processed.Audio!);
        }

        return answered.Answer;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _handshakeTimer?.Dispose();
        await _bridge.DisposeAsync().ConfigureAwait(false);
    }

    private static SdpDirection Reverse(SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        _ => direction,
    };

    private static WebRtcAudioFormat? FormatOf(SdpNegotiatedAudio audio)
    {
        var codec = audio.Codec;
        var isOpus = string.Equals(codec.Name, SdpCodec.Opus.Name, StringComparison.OrdinalIgnoreCase);
        if (!isOpus && !G711.TryGetLaw(codec, out _))
        {
            return null;
        }

        _ = G711.TryGetLaw(codec, out var law);
        return new WebRtcAudioFormat((byte)codec.PayloadType, isOpus, law, (byte?)audio.TelephoneEvent?.PayloadType, audio.TelephoneEvent?.ClockRate ?? G711.SampleRate);
    }

    private SdpLocalCapabilities CallCapabilities(G711Law preferred, SdpDirection direction)
    {
        EquatableArray<SdpCodec> codecs = preferred == G711Law.Pcma
            ? [SdpCodec.Pcma, SdpCodec.Pcmu, SdpCodec.TelephoneEvent(CallEventPayloadType)]
            : [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent(CallEventPayloadType)];
        var call = _bridge.CallEndPoint;
        // The engine's RTCP comes to the same call port too (a=rtcp, RFC 3605), where the bridge drops it.
        return new SdpLocalCapabilities(_local.Address, call.Port, codecs) { Direction = direction, RtcpPort = call.Port, SessionName = "ContactCenter" };
    }

    private SdpSession? AnswerEngineLocked(SdpSession offer)
    {
        var result = SdpOfferAnswer.CreateAnswer(offer, CallCapabilities(_browser!.IsOpus ? G711Law.Pcmu : _browser.Law, SdpDirection.SendRecv), _callOrigin);
        if (!result.IsAccepted)
        {
            return null;
        }

        ApplyLocked(result.Audio!);
        return result.Answer;
    }

    private void ApplyLocked(SdpNegotiatedAudio audio)
    {
        var codec = audio.Codecs.FirstOrDefault(c => G711.TryGetLaw(c, out _)) ?? audio.Codec;
        _ = G711.TryGetLaw(codec, out var law);
        _call = new MediaLegFormat((byte)codec.PayloadType, law, (byte?)audio.TelephoneEvent?.PayloadType);
        _bridge.Configure(_browser!, _call);
        _bridge.SetCallRemote(IPAddress.TryParse(audio.RemoteAddress, out var address) && !address.Equals(IPAddress.Any) && audio.RemotePort > 0
            ? new IPEndPoint(address, audio.RemotePort)
            : null);
    }

    /// <summary>A failed DTLS handshake, or none within <see cref="HandshakeTimeout"/>, fails the leg's media (never a dispose).</summary>
    private void WatchHandshake()
    {
        _handshakeTimer = _time.CreateTimer(static state => ((BrowserBranchMedia)state!).OnHandshakeTimeout(), this, HandshakeTimeout, Timeout.InfiniteTimeSpan);
        _ = _bridge.Browser.Keys.ContinueWith(
            static (keys, state) =>
            {
                var media = (BrowserBranchMedia)state!;
                if (keys.IsFaulted && Volatile.Read(ref media._disposed) == 0)
                {
                    media._failed.TrySetResult();
                }
            },
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnHandshakeTimeout()
    {
        if (!_bridge.Browser.Keys.IsCompletedSuccessfully && Volatile.Read(ref _disposed) == 0)
        {
            _failed.TrySetResult();
        }
    }
}
