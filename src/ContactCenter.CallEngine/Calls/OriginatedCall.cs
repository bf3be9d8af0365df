using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Relay;
using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// A call the service places (click-to-call, a queued callback): it rings the agent's softphone first (the phone
/// shows the client's number), plays ringback to the agent while it dials the client through the trunk with the
/// company's caller ID, then bridges and records the two legs. Either side's hang-up ends the other. We placed both
/// legs; a media offer from either side holds (music to the other side) or resumes, as in an inbound call.
/// </summary>
#pragma warning disable CA1001 // _ending holds nothing that needs Dispose; it is cancelled when the call ends.
internal sealed class OriginatedCall : IHeldCall
#pragma warning restore CA1001
{
    private readonly Lock _gate = new();
    private readonly CallServices _services;
    private readonly CancellationTokenSource _ending = new();
    private readonly Action<OriginatedCall> _finished;
    private readonly CallHold _hold;
    private readonly DtmfToClient _dtmf;
    private ILegSession? _agentLeg;
    private ILegSession? _clientLeg;
    private LegMedia? _agentMedia;
    private LegMedia? _clientMedia;
    private AnnouncementPlayer? _ringback;
    private MediaBridge? _bridge;
    private CallRecording? _recording;
    private CallPhase _phase = CallPhase.Ringing;
    private DateTimeOffset? _answeredAt;
    private bool _agentAnswered;
    private int _sequence;

    public OriginatedCall(CallServices services, string agent, string number, string? purpose, Action<OriginatedCall> finished)
    {
        _services = services;
        _finished = finished;
        Agent = agent;
        Number = number;
        Purpose = purpose;
        StartedAt = services.Time.GetUtcNow();
        _hold = new CallHold(services, this);
        _dtmf = new DtmfToClient(_ending.Token);
    }

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The agent whose phone rings first.</summary>
    public string Agent { get; }

    /// <summary>The client's number (E.164) dialled through the trunk once the agent answers.</summary>
    public string Number { get; }

    /// <summary>Why the call is placed (e.g. <c>click-to-call</c>, <c>callback</c>).</summary>
    public string? Purpose { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Completes when the parties are bridged (<see cref="OriginateOutcome.Connected"/>) or the call ended before.</summary>
    public TaskCompletionSource<OriginateOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The media bridge between the agent and the client, while the call is answered (for supervision).</summary>
    internal MediaBridge? Bridge
    {
        get
        {
            lock (_gate)
            {
                return _phase == CallPhase.Answered ? _bridge : null;
            }
        }
    }

    public CallSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new CallSnapshot(Id, CallDirection.Outbound, Agent, Number, _phase, Agent, StartedAt, _answeredAt, false, Number);
        }
    }

    public async Task RunAsync()
    {
        try
        {
            _services.Metrics.Received(CallDirection.Outbound);
            Publish(s => new CallReceived(Guid.NewGuid(), Id, s, Now, CallDirection.Outbound, Agent, Number, Number));
            Publish(s => new CallClassified(Guid.NewGuid(), Id, s, Now, null, null, Purpose ?? "click-to-call", null,
                $"{{\"rule\":\"{Purpose ?? "click-to-call"}\",\"targets\":[\"{Agent}\"],\"steps\":[]}}"));

            // 1. The agent's phone.
            var agentLeg = await new CallOffer(_services, Id, new OriginatedLeg(this, CallParty.Caller))
                .OfferAsync(Agent, G711Law.Pcmu, Number, t => Publish(s => new CallOffered(Guid.NewGuid(), Id, s, Now, t)),
                    (t, why) => Publish(s => new CallOfferFailed(Guid.NewGuid(), Id, s, Now, t, why)), _ending.Token).ConfigureAwait(false);
            if (agentLeg is null)
            {
                await EndAsync(CallEndedBy.System, $"agent {Agent} did not answer", null).ConfigureAwait(false);
                return;
            }

            var tone = await _services.Announcements.GetAsync("ringback", agentLeg.Media.Law, CancellationToken.None).ConfigureAwait(false)
                ?? Tones.GetRingback(agentLeg.Media.Law);
            lock (_gate)
            {
                (_agentLeg, _agentMedia, _agentAnswered) = (agentLeg.Leg, agentLeg.Media, true);
                if (_phase != CallPhase.Ringing)
                {
                    // Ended meanwhile (hang-up through the API): EndAsync already ran; this leg is ours to close.
                    _ = ReleaseLateLegAsync(agentLeg);
                    return;
                }

                _ringback = _services.Relay.CreatePlayer(agentLeg.Media.Endpoint, tone, loop: true);
                _ringback.Start();
            }

            // 2. The client, through the trunk.
            var failure = "no answer";
            var clientLeg = await new CallOffer(_services, Id, new OriginatedLeg(this, CallParty.Callee))
                .DialOutAsync(Number, agentLeg.Media.Law, _ => { }, (t, why) =>
                {
                    failure = why;
                    Publish(s => new CallOfferFailed(Guid.NewGuid(), Id, s, Now, t, why));
                }, _ending.Token).ConfigureAwait(false);
            if (clientLeg is null)
            {
                await EndAsync(CallEndedBy.System, $"{Number}: {failure}", null).ConfigureAwait(false);
                return;
            }

            // 3. Bridge and record.
            AnnouncementPlayer? ringback;
            lock (_gate)
            {
                if (_phase != CallPhase.Ringing)
                {
                    _ = ReleaseLateLegAsync(clientLeg);
                    return;
                }

                (_clientLeg, _clientMedia) = (clientLeg.Leg, clientLeg.Media);
                _phase = CallPhase.Answered;
                _answeredAt = Now;
                ringback = _ringback;
                _ringback = null;
                ringback?.Stop();
                _bridge = _services.Relay.CreateBridge(agentLeg.Media.Endpoint, clientLeg.Media.Endpoint);
                _bridge.SilenceTimedOut += OnSilence;
                if (_services.Options.Recording.Enabled)
                {
                    try
                    {
                        _recording = CallRecording.Start(_services.Options.Recording, Id, StartedAt, _bridge);
                    }
                    catch (IOException ex)
                    {
                        _services.Logger.RecordingFailed(ex, Id);
                    }
                    catch (UnauthorizedAccessException ex)
                    {
                        _services.Logger.RecordingFailed(ex, Id);
                    }
                }
            }

            if (ringback is not null)
            {
                await ringback.DisposeAsync().ConfigureAwait(false);
            }

            Publish(s => new CallAnswered(Guid.NewGuid(), Id, s, Now, Agent, Number) { Trunk = clientLeg.Trunk });
            _services.Metrics.Answered(Now - StartedAt);
            _services.Logger.Answered(Id, Agent);
            Outcome.TrySetResult(OriginateOutcome.Connected);
        }
#pragma warning disable CA1031 // A failure of one call must not take the engine down: it is logged and the call ended.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            _services.Logger.CallFailed(ex, Id);
            await EndAsync(CallEndedBy.System, "engine error", null).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ended while ringing: EndAsync has run.
        }
    }

    public Task HangUpAsync(string reason) => EndAsync(CallEndedBy.System, reason, null);

    /// <summary>A leg ended without us ending it: its peer hung up, went away, or its session expired (the session layer hung it up).</summary>
    internal void OnLegEnded(CallParty party, ILegSession leg, LegEnded ended)
    {
        // Each party has one leg for the call's life (it may end before the call took it: the call ends all the same).
        ArgumentNullException.ThrowIfNull(ended);
        var hungUp = ended.Cause == LegEndCause.HungUp && ended.ByPeer;
        var endedBy = !hungUp ? CallEndedBy.System : party == CallParty.Caller ? CallEndedBy.Agent : CallEndedBy.Caller;
        var which = party == CallParty.Caller ? "agent" : "client";
        var why = hungUp ? which + " hung up"
            : ended.Cause == LegEndCause.SessionExpired ? $"{ended.Detail} on the {which}'s leg"
            : "leg lost";
        _ = EndAsync(endedBy, why, party);
    }

    /// <summary>A media offer from either side: hold or resume, as in an inbound call (<see cref="CallHold"/>).</summary>
    internal ValueTask<SdpSession?> OnMediaOfferAsync(CallParty party, ILegSession leg, LegMediaOffer offer) => _hold.OnMediaOfferAsync(party, leg, offer);

    /// <summary>Sends DTMF digits to the client's leg (B) of the answered call, e.g. to work the client's voice menu.</summary>
    internal Task<DtmfSendResult> SendDtmfAsync(string digits, CancellationToken cancellationToken)
    {
        MediaBridge? bridge;
        lock (_gate)
        {
            bridge = _phase == CallPhase.Answered ? _bridge : null;
        }

        return _dtmf.SendAsync(bridge, MediaLegSide.B, digits, cancellationToken);
    }

    /// <inheritdoc />
    HoldView IHeldCall.View(CallParty party, ILegSession leg)
    {
        lock (_gate)
        {
            return party == CallParty.Caller
                ? new HoldView(ReferenceEquals(leg, _agentLeg) ? _agentMedia : null, _clientMedia, _bridge, Agent)
                : new HoldView(ReferenceEquals(leg, _clientLeg) ? _clientMedia : null, _agentMedia, _bridge, Number);
        }
    }

    private async Task EndAsync(CallEndedBy endedBy, string reason, CallParty? source)
    {
        ILegSession? agentLeg;
        ILegSession? clientLeg;
        LegMedia? agentMedia;
        LegMedia? clientMedia;
        AnnouncementPlayer? ringback;
        MediaBridge? bridge;
        CallRecording? recording;
        bool answered;
        bool agentAnswered;
        lock (_gate)
        {
            if (_phase == CallPhase.Ended)
            {
                return;
            }

            answered = _phase == CallPhase.Answered;
            _phase = CallPhase.Ended;
            (agentLeg, clientLeg, agentMedia, clientMedia, ringback, bridge, recording, agentAnswered) =
                (_agentLeg, _clientLeg, _agentMedia, _clientMedia, _ringback, _bridge, _recording, _agentAnswered);
            (_ringback, _bridge, _recording) = (null, null, null);
        }

        _ending.Cancel();
        ringback?.Stop();
        if (bridge is not null)
        {
            bridge.SilenceTimedOut -= OnSilence;
        }

        var signalling = new List<(string, Func<Task>)>(2);
        if (source != CallParty.Caller && agentLeg is not null)
        {
            signalling.Add(("BYE to the agent", () => agentLeg.HangUpAsync(CancellationToken.None).AsTask()));
        }

        if (source != CallParty.Callee && clientLeg is not null)
        {
            signalling.Add(("BYE to the client", () => clientLeg.HangUpAsync(CancellationToken.None).AsTask()));
        }

        await CallTeardown.RunAsync(new EndOfCall
        {
            Signalling = signalling,
            Ringback = ringback,
            CloseRecording = recording is null ? null : async () =>
            {
                await recording.DisposeAsync().ConfigureAwait(false);
                Publish(s => new RecordingAvailable(Guid.NewGuid(), Id, s, Now, recording.Path, recording.Duration));
            },
            Bridge = bridge,
            AgentReleases = agentAnswered ? [() => _services.Agents.Release(Agent, talked: answered)] : [],
            LogMedia = answered && agentMedia is not null && clientMedia is not null ? () => LogMediaSummary(agentMedia, clientMedia) : null,
            Media = [agentMedia, clientMedia],
            PublishEnded = () => Publish(s => new CallEnded(Guid.NewGuid(), Id, s, Now, endedBy, reason)),
            CompleteRouting = () => Outcome.TrySetResult(agentAnswered ? OriginateOutcome.ClientMissed : OriginateOutcome.AgentMissed),
            Report = () =>
            {
                _services.Metrics.Ended(endedBy);
                _services.Logger.Ended(Id, endedBy, reason);
            },
            Remove = () => _finished(this),
        }, Id, _services.Logger).ConfigureAwait(false);
    }

    private void LogMediaSummary(LegMedia agentMedia, LegMedia clientMedia)
    {
        _services.Logger.MediaSummary(Id, agentMedia, clientMedia);
    }

    private async Task ReleaseLateLegAsync(AnsweredLeg leg)
    {
        await leg.Leg.HangUpAsync(CancellationToken.None).ConfigureAwait(false);
        if (leg.IsAgent)
        {
            _services.Agents.Release(leg.Target, talked: false);
        }

        await leg.Media.DisposeAsync().ConfigureAwait(false);
    }

    private void OnSilence(object? sender, EventArgs e) => _ = EndAsync(CallEndedBy.System, "no media (RTP timeout)", null);

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    /// <inheritdoc />
    public void Publish<T>(Func<int, T> create)
        where T : class =>
        _services.Events.Publish(create(Interlocked.Increment(ref _sequence)));
}
