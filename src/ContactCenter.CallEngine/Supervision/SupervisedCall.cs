using ContactCenter.CallEngine.Calls;
using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Supervision;
using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Supervision;

/// <summary>
/// One supervisor on one live call (issue #19): the supervisor's phone is rung through the session port with our offer;
/// once it answers, Media's <see cref="SupervisionSession"/> joins the call's bridge (listen, whisper or barge). Every
/// second the call is looked at again: a transfer moved it to another bridge - the supervisor follows; the call ended -
/// the supervisor's leg is hung up. The supervisor's keypad switches mode (1 listen, 2 whisper, 3 barge). All changes go
/// through one gate, so the state has one writer at a time; the end is reached once, whoever ends first.
/// </summary>
internal sealed class SupervisedCall : ILegEvents, IAsyncDisposable
{
    private static readonly TimeSpan WatchEvery = TimeSpan.FromSeconds(1);
    private readonly CallServices _services;
    private readonly CallManager _calls;
    private readonly LegMedia _media;
    private readonly Action<SupervisedCall> _ended;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ILegSession? _leg;
    private SupervisionSession? _session;
    private MediaBridge? _bridge;
    private ITimer? _watch;
    private bool _over;

    public SupervisedCall(CallServices services, CallManager calls, Guid callId, string supervisor, string? agent, SupervisionMode mode,
        LegMedia media, Action<SupervisedCall> ended)
    {
        (_services, _calls, CallId, Supervisor, Agent, Mode, _media, _ended) = (services, calls, callId, supervisor, agent, mode, media, ended);
        Since = services.Time.GetUtcNow();
    }

    public Guid CallId { get; }

    public string Supervisor { get; }

    public string? Agent { get; }

    public SupervisionMode Mode { get; private set; }

    public DateTimeOffset Since { get; }

    public bool Joined => Volatile.Read(ref _session) is not null;

    public SupervisionView View() => new(CallId, Supervisor, Agent, Mode, Joined, Since);

    /// <summary>Rings the supervisor's phone.</summary>
    public void Ring()
    {
        var offer = _media.CreateOffer(G711Law.Pcmu);
        _leg = _services.Legs.Offer(new LegOffer(CallId, LegTarget.Extension(Supervisor), Agent ?? "supervision", offer, _services.Calls.RingTimeout), this);
        Publish("ringing");
    }

    /// <summary>Switches mode at once (no re-dialling).</summary>
    public async Task<bool> SetModeAsync(SupervisionMode mode)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_over)
            {
                return false;
            }

            Mode = mode;
            if (_session is { } session)
            {
                session.Mode = mode;
            }
        }
        finally
        {
            _gate.Release();
        }

        Publish("changed");
        return true;
    }

    /// <summary>Takes the supervisor out: their phone gets BYE (or stops ringing); the call goes on.</summary>
    public async Task StopAsync()
    {
        if (_leg is { } leg)
        {
            await leg.HangUpAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await EndAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void OnRinging(ILegSession leg, SdpSession? earlyMedia)
    {
    }

    /// <inheritdoc />
    public void OnAnswered(ILegSession leg, SdpSession media) => _ = JoinAsync(leg, media);

    /// <inheritdoc />
    public async ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var answer = _media.Answer(offer.Media);
            return answer.IsAccepted ? answer.Answer : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => ValueTask.FromResult(false);

    /// <inheritdoc />
    public void OnDtmf(ILegSession leg, LegDtmf dtmf)
    {
        ArgumentNullException.ThrowIfNull(dtmf);
        SupervisionMode? mode = dtmf.Digit switch { '1' => SupervisionMode.Listen, '2' => SupervisionMode.Whisper, '3' => SupervisionMode.Barge, _ => null };
        if (mode is { } chosen)
        {
            _ = SetModeAsync(chosen);
        }
    }

    /// <inheritdoc />
    public void OnEnded(ILegSession leg, LegEnded ended) => _ = EndAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task JoinAsync(ILegSession leg, SdpSession answer)
    {
        bool joined;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            joined = !_over && _media.AcceptAnswer(answer) && AttachLocked();
            if (joined)
            {
                _watch = _services.Time.CreateTimer(static s => _ = ((SupervisedCall)s!).WatchAsync(), this, WatchEvery, WatchEvery);
            }
        }
        finally
        {
            _gate.Release();
        }

        if (joined)
        {
            Publish("started");
        }
        else
        {
            await leg.HangUpAsync(CancellationToken.None).ConfigureAwait(false);
            await EndAsync().ConfigureAwait(false);
        }
    }

    // Under the gate: joins the call's current bridge; false when the call is not answered now.
    private bool AttachLocked()
    {
        if (_calls.FindSupervisionPoint(CallId) is not { } point)
        {
            return false;
        }

        _bridge = point.Bridge;
        _session = SupervisionSession.Start(point.Bridge, _media.Endpoint, point.AgentSide, Mode, _services.Time);
        return true;
    }

    private async Task WatchAsync()
    {
        var hangUp = false;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_over)
            {
                return;
            }

            var point = _calls.FindSupervisionPoint(CallId);
            if (point is not null && ReferenceEquals(point.Bridge, _bridge))
            {
                return;
            }

            // A transfer or hold changed the bridge, or the call ended: leave the old one; follow to the new one.
            if (_session is { } session)
            {
                await session.DisposeAsync().ConfigureAwait(false);
                _session = null;
                _bridge = null;
            }

            if (point is not null)
            {
                AttachLocked();
            }
            else
            {
                hangUp = _calls.GetCall(CallId) is null;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (hangUp)
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    private async Task EndAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_over)
            {
                return;
            }

            _over = true;
            if (_watch is { } watch)
            {
                await watch.DisposeAsync().ConfigureAwait(false);
            }

            if (_session is { } session)
            {
                await session.DisposeAsync().ConfigureAwait(false);
                _session = null;
            }

            await _media.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        _ended(this);
        Publish("ended");
    }

    private void Publish(string change) =>
        _services.Events.Publish(new CallSupervised(Guid.NewGuid(), CallId, _services.Time.GetUtcNow(), Supervisor, Agent, Mode.ToString(), change));
}
