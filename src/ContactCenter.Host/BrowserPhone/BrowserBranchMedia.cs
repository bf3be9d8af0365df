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
/// One browser leg's two descriptions: toward the browser WebRTC (our offer when the engine rings it, our answer when it
/// calls; our ICE credentials, fingerprint and port kept for the leg's life, so a re-offer of the browser is answered with
/// the same), toward the engine a plain G.711 phone at the bridge's call port. The browser's codec and the engine's law
/// configure the bridge.
/// </summary>
internal sealed class BrowserBranchMedia : IBranchMedia
{
    /// <summary>How long the browser has, after its answer, to complete ICE and DTLS before the leg counts as lost.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(20);

    /// <summary>RFC 7675 §5.1: consent expires 30 s after the browser's last authenticated check; the leg then ends.</summary>
    public static readonly TimeSpan ConsentTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often consent is looked at (the browser checks about every 5 s, RFC 7675 §5.1).</summary>
    public static readonly TimeSpan ConsentCheckInterval = TimeSpan.FromSeconds(5);

    private const byte CallEventPayloadType = 101;

    private readonly WebRtcCallBridge _bridge;
    private readonly SdpWebRtcLocal _local;
    private readonly IPAddress _internalHop;
    private readonly SdpOriginTracker _browserOrigin;
    private readonly SdpOriginTracker _callOrigin;
    private readonly SdpSession? _engineOffer;
    private readonly SdpSession? _browserAnswer;
    private readonly SdpLocalCapabilities? _callOfferCapabilities;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private WebRtcAudioFormat? _browser;
    private MediaLegFormat? _call;
    private ITimer? _handshakeTimer;
    private ITimer? _consentTimer;
    private long _checksSeen;
    private DateTimeOffset _consentAt;
    private int _disposed;

    private BrowserBranchMedia(WebRtcCallBridge bridge, SdpWebRtcLocal local, IPAddress internalHop, SdpSession? engineOffer, SdpSession? browserOffer,
        TimeProvider time)
    {
        (_bridge, _local, _internalHop, _engineOffer, _time) = (bridge, local, internalHop, engineOffer, time);
        _browserOrigin = new SdpOriginTracker(local.Address, SdpOrigin.NewSessionId(), 1, "contactcenter");
        _callOrigin = new SdpOriginTracker(internalHop, SdpOrigin.NewSessionId(), 1, "contactcenter");
        if (browserOffer is null)
        {
            Offer = SdpWebRtcOffer.Create(local, _browserOrigin);
            return;
        }

        // The browser calls: our WebRTC answer is ready now (its fingerprint known: DTLS may start), the engine gets a phone's offer.
        var answered = SdpWebRtcAnswer.Create(browserOffer, local, _browserOrigin);
        if (answered.IsAccepted && FormatOf(answered.Audio!) is { } browser)
        {
            (_browser, _browserAnswer) = (browser, answered.Answer);
            bridge.Browser.SetRemoteFingerprint(answered.Remote!.Fingerprint);
        }

        _callOfferCapabilities = CallCapabilities(_browser?.IsOpus != false ? G711Law.Pcmu : _browser.Law, Reverse(answered.Audio?.Direction ?? SdpDirection.SendRecv));
        Offer = SdpOfferAnswer.CreateOffer(_callOfferCapabilities, _callOrigin);
    }

    /// <summary>
    /// The engine rings the browser: our WebRTC offer to it (<paramref name="local"/>: the candidate it sends to), and a
    /// phone's answer to the engine's <paramref name="engineOffer"/> once it answers (at <paramref name="internalHop"/>, the
    /// listen address, where the engine's relay is too).
    /// </summary>
    public static BrowserBranchMedia Offering(WebRtcCallBridge bridge, SdpWebRtcLocal local, IPAddress internalHop, SdpSession engineOffer, TimeProvider time) =>
        new(bridge, local, internalHop, engineOffer, null, time);

    /// <summary>The browser calls with <paramref name="browserOffer"/>: a phone's offer to the engine (at <paramref name="internalHop"/>), our WebRTC answer once the engine answers; null when the offer is not one we take.</summary>
    public static BrowserBranchMedia? Answering(WebRtcCallBridge bridge, SdpWebRtcLocal local, IPAddress internalHop, SdpSession browserOffer, TimeProvider time)
    {
        var media = new BrowserBranchMedia(bridge, local, internalHop, null, browserOffer, time);
        return media._browserAnswer is null ? null : media;
    }

    /// <inheritdoc />
    public SdpSession Offer { get; }

    /// <inheritdoc />
    public Task Failed => _failed.Task;

    /// <inheritdoc />
    public SdpSession? AcceptAnswer(SdpSession answer)
    {
        if (_callOfferCapabilities is not null)
        {
            return AcceptEngineAnswer(answer);
        }

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
            engineAnswer = AnswerEngineLocked(_engineOffer!);
        }

        if (engineAnswer is not null)
        {
            WatchHandshake();
        }

        return engineAnswer;
    }

    private SdpSession? AcceptEngineAnswer(SdpSession answer)
    {
        var processed = SdpOfferAnswer.ProcessAnswer(Offer, answer, _callOfferCapabilities!);
        if (!processed.IsAccepted)
        {
            return null;
        }

        lock (_gate)
        {
            ApplyLocked(processed.Audio!);
        }

        WatchHandshake();
        return _browserAnswer;
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
        _consentTimer?.Dispose();
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
        return new SdpLocalCapabilities(_internalHop, call.Port, codecs) { Direction = direction, RtcpPort = call.Port, SessionName = "ContactCenter" };
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
        // The engine's relay is in this process at the listen address, whatever its SDP names (the public address when set):
        // its port is taken, the address is the internal hop's. A hold's 0.0.0.0 or port 0 stops the sending.
        _bridge.SetCallRemote(IPAddress.TryParse(audio.RemoteAddress, out var address) && !address.Equals(IPAddress.Any) && audio.RemotePort > 0
            ? new IPEndPoint(_internalHop, audio.RemotePort)
            : null);
    }

    /// <summary>A failed DTLS handshake, or none within <see cref="HandshakeTimeout"/>, fails the leg's media (never a dispose).</summary>
    private void WatchHandshake()
    {
        if (_handshakeTimer is not null)
        {
            return; // watched since the early answer
        }

        _consentAt = _time.GetUtcNow();
        _handshakeTimer = _time.CreateTimer(static state => ((BrowserBranchMedia)state!).OnHandshakeTimeout(), this, HandshakeTimeout, Timeout.InfiniteTimeSpan);
        _consentTimer = _time.CreateTimer(static state => ((BrowserBranchMedia)state!).OnConsentCheck(), this, ConsentCheckInterval, ConsentCheckInterval);
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

    /// <summary>A browser that stopped answering (closed, gone off the network) stops its ICE checks: 30 s later the leg ends as lost.</summary>
    private void OnConsentCheck()
    {
        var checks = _bridge.Browser.AuthenticatedChecks;
        var now = _time.GetUtcNow();
        if (checks != _checksSeen)
        {
            (_checksSeen, _consentAt) = (checks, now);
            return;
        }

        if (now - _consentAt >= ConsentTimeout && Volatile.Read(ref _disposed) == 0)
        {
            _failed.TrySetResult();
        }
    }

    private void OnHandshakeTimeout()
    {
        if (!_bridge.Browser.Keys.IsCompletedSuccessfully && Volatile.Read(ref _disposed) == 0)
        {
            _failed.TrySetResult();
        }
    }
}
