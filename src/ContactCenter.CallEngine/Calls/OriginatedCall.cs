using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Relay;
using ContactCenter.Sdp;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// A call the service places (click-to-call, a queued callback): it rings the agent's softphone first (the phone
/// shows the client's number), plays ringback to the agent while it dials the client through the trunk with the
/// company's caller ID, then bridges and records the two legs. Either side's BYE ends the other. We are the UAC of
/// both legs; a re-INVITE from either side holds (music to the other side) or resumes, as in an inbound call.
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
    private SipDialog? _agentDialog;
    private SipDialog? _clientDialog;
    private LegMedia? _agentMedia;
    private LegMedia? _clientMedia;
    private LegSessionTimer? _agentTimer;
    private LegSessionTimer? _clientTimer;
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
                (_agentDialog, _agentMedia, _agentAnswered) = (agentLeg.Dialog, agentLeg.Media, true);
                if (_phase != CallPhase.Ringing)
                {
                    // Ended meanwhile (hang-up through the API): EndAsync already ran; this leg is ours to close (and no
                    // session timer is started for it: nobody would stop it).
                    _ = ReleaseLateLegAsync(agentLeg);
                    return;
                }

                _agentTimer = Watch(agentLeg, "the agent's leg");

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

                (_clientDialog, _clientMedia) = (clientLeg.Dialog, clientLeg.Media);
                _clientTimer = Watch(clientLeg, "the client's leg");
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

            Publish(s => new CallAnswered(Guid.NewGuid(), Id, s, Now, Agent, Number));
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

    internal void OnLegTerminated(CallParty party, DialogTerminationReason reason)
    {
        var endedBy = reason != DialogTerminationReason.RemoteBye ? CallEndedBy.System
            : party == CallParty.Caller ? CallEndedBy.Agent : CallEndedBy.Caller;
        var why = reason == DialogTerminationReason.RemoteBye ? (party == CallParty.Caller ? "agent hung up" : "client hung up") : "leg lost";
        _ = EndAsync(endedBy, why, party);
    }

    /// <summary>A re-INVITE or UPDATE from either side: a session refresh, hold or resume, as in an inbound call (<see cref="CallHold"/>).</summary>
    internal Task OnReOfferAsync(SipDialog dialog, SipServerTransaction transaction, SipRequest request, CallParty party) =>
        _hold.OnReOfferAsync(party, dialog, transaction, request);

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
    HoldView IHeldCall.View(CallParty party)
    {
        lock (_gate)
        {
            return party == CallParty.Caller
                ? new HoldView(_agentMedia, _clientMedia, _bridge, Agent, _agentTimer)
                : new HoldView(_clientMedia, _agentMedia, _bridge, Number, _clientTimer);
        }
    }

    /// <summary>The session timer (RFC 4028) of an answered leg; its expiry ends the call with BYE to both legs.</summary>
    private LegSessionTimer Watch(AnsweredLeg leg, string which)
    {
        var timer = _services.CreateSessionTimer(Id, leg.Dialog, leg.Media, leg.AllowsUpdate,
            why => _ = EndAsync(CallEndedBy.System, $"{why} on {which}", null));
        timer.Restart(leg.Session);
        return timer;
    }

    private async Task EndAsync(CallEndedBy endedBy, string reason, CallParty? source)
    {
        SipDialog? agentDialog;
        SipDialog? clientDialog;
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
            (agentDialog, clientDialog, agentMedia, clientMedia, ringback, bridge, recording, agentAnswered) =
                (_agentDialog, _clientDialog, _agentMedia, _clientMedia, _ringback, _bridge, _recording, _agentAnswered);
            (_ringback, _bridge, _recording) = (null, null, null);
            _agentTimer?.Dispose();
            _clientTimer?.Dispose();
        }

        _ending.Cancel();
        ringback?.Stop();
        if (bridge is not null)
        {
            bridge.SilenceTimedOut -= OnSilence;
        }

        var signalling = new List<(string, Func<Task>)>(2);
        if (source != CallParty.Caller && agentDialog is not null)
        {
            signalling.Add(("BYE to the agent", () => ByeQuietlyAsync(agentDialog)));
        }

        if (source != CallParty.Callee && clientDialog is not null)
        {
            signalling.Add(("BYE to the client", () => ByeQuietlyAsync(clientDialog)));
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
        var (agent, client) = (agentMedia.Endpoint.Statistics, clientMedia.Endpoint.Statistics);
        _services.Logger.MediaSummary(Id, agent.PacketsReceived, client.PacketsSent, client.PacketsReceived, agent.PacketsSent, agent.PacketsLost,
            client.PacketsLost);
    }

    private async Task ReleaseLateLegAsync(AnsweredLeg leg)
    {
        await ByeQuietlyAsync(leg.Dialog).ConfigureAwait(false);
        if (leg.IsAgent)
        {
            _services.Agents.Release(leg.Target, talked: false);
        }

        await leg.Media.DisposeAsync().ConfigureAwait(false);
    }

    private Task ByeQuietlyAsync(SipDialog dialog) => _services.ByeQuietlyAsync(dialog, Id);

    private void OnSilence(object? sender, EventArgs e) => _ = EndAsync(CallEndedBy.System, "no media (RTP timeout)", null);

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    /// <inheritdoc />
    public void Publish<T>(Func<int, T> create)
        where T : class =>
        _services.Events.Publish(create(Interlocked.Increment(ref _sequence)));
}
