using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// One call the engine owns as a back-to-back user agent: the caller's leg (we are its UAS), the leg to whoever
/// answers (we are its UAC), the media bridge between them, and the call's events. This class holds the call's
/// life (start, answer, end) and hands the rest to its pieces: <see cref="CallRouting"/> finds an answer,
/// <see cref="CallerAnnouncements"/> plays to the waiting caller, the caller's leg of the session port rings, answers
/// or refuses the caller, <see cref="CallHold"/> and <see cref="CallTransfers"/> act on the answered call. State lives in
/// <see cref="CallState"/> behind one lock; signalling and media I/O happen outside it.
/// </summary>
#pragma warning disable CA1001 // _ending has no timer or linked parent, so it holds nothing that needs Dispose; it is cancelled when the call ends.
internal sealed class Call : ICallContext, IHeldCall
#pragma warning restore CA1001
{
    private readonly CallState _state = new();
    private readonly CallServices _services;
    private readonly CancellationTokenSource _ending = new();
    private readonly ILegSession _caller;
    private readonly LegMedia _callerMedia;
    private readonly Action<Call> _finished;
    private readonly CallerAnnouncements _announcements;
    private readonly CallHold _hold;
    private readonly CallTransfers _transfers;
    private readonly DtmfToClient _dtmf;
    private readonly CallConnection _connection;
    private CallRouting? _routing;
    private ITimer? _guard;
    private int _sequence;

    public Call(CallServices services, ILegSession caller, LegMedia callerMedia, CallDirection direction, string callerNumber,
        string? callerNumberE164, string dialedNumber, bool callerIsAgent, Action<Call> finished)
    {
        _services = services;
        _caller = caller;
        _callerMedia = callerMedia;
        _finished = finished;
        Direction = direction;
        CallerNumber = callerNumber;
        CallerNumberE164 = callerNumberE164;
        DialedNumber = dialedNumber;
        CallerIsAgent = callerIsAgent;
        StartedAt = services.Time.GetUtcNow();
        _announcements = new CallerAnnouncements(this);
        _hold = new CallHold(services, this);
        _transfers = new CallTransfers(this);
        _dtmf = new DtmfToClient(_ending.Token);
        _connection = new CallConnection(this, services, _state, callerMedia, caller);
    }

    public Guid Id { get; } = Guid.NewGuid();

    public CallDirection Direction { get; }

    public string CallerNumber { get; }

    public string? CallerNumberE164 { get; }

    public string DialedNumber { get; }

    /// <summary>True when the caller is an agent's softphone (internal and outbound calls).</summary>
    public bool CallerIsAgent { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>True when the caller's INVITE had no SDP: our offer goes in the 200 and the answer comes in the ACK.</summary>
    public bool LateOffer { get; init; }

    /// <summary>The trunk a carrier's call came in on, or null.</summary>
    public string? Trunk { get; init; }

    /// <summary>The trunk's number (DID) the carrier called when it mapped to another number or an extension, or null.</summary>
    public string? Did { get; init; }

    /// <summary>The E.164 number an agent dialled out to through the trunk, or null.</summary>
    public string? ExternalNumber { get; init; }

    /// <summary>The extensions to offer the call to, when fixed by the dial plan (an agent called an extension); null to ask the router.</summary>
    public IReadOnlyList<string>? FixedTargets { get; init; }

    /// <summary>Finds the live call whose caller leg is this one (set by the manager), for an attended transfer's Replaces.</summary>
    internal Func<ILegSession, Call?>? FindByCallerLeg { get; init; }

    /// <summary>The answering agent, while the call is answered.</summary>
    internal string? AnsweringAgent
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.Phase == CallPhase.Answered ? _state.Agent : null;
            }
        }
    }

    /// <summary>The media bridge between the caller and whoever answered, while the call is answered (for supervision).</summary>
    internal MediaBridge? Bridge
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.Phase == CallPhase.Answered ? _state.Bridge : null;
            }
        }
    }

    CallServices ICallContext.Services => _services;

    CallState ICallContext.State => _state;

    LegMedia ICallContext.CallerMedia => _callerMedia;

    CancellationToken ICallContext.Ending => _ending.Token;

    public DateTimeOffset Now => _services.Time.GetUtcNow();

    public CallSnapshot Snapshot()
    {
        lock (_state.Gate)
        {
            var onHold = _state.Bridge is { } bridge && (bridge.IsOnHold(MediaLegSide.A) || bridge.IsOnHold(MediaLegSide.B));
            return new CallSnapshot(Id, Direction, CallerNumber, DialedNumber, _state.Phase, _state.Agent, StartedAt, _state.AnsweredAt, onHold, CallerNumberE164);
        }
    }

    /// <summary>Runs the call from the INVITE to the answer (or its failure); the rest happens on leg events.</summary>
    public async Task RunAsync()
    {
        try
        {
            _routing = new CallRouting(this, _announcements, CallerNumberE164, DialedNumber, FixedTargets, ExternalNumber);
            await StartAsync().ConfigureAwait(false);
            await _routing.RouteAsync(_ending.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_ending.IsCancellationRequested)
        {
            // Ended while ringing (caller cancelled, shutdown): EndAsync did the rest.
        }
#pragma warning disable CA1031 // A bug in one call ends that call with 500, never the engine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _services.Logger.CallFailed(ex, Id);
            await EndAsync(CallEndedBy.System, "engine error", LegEndCause.Failed, null).ConfigureAwait(false);
        }
    }

    /// <summary>The caller sent CANCEL before the call was answered (RFC 3261 §9.2): 487 to the INVITE, CANCEL to ringing agents.</summary>
    public Task CancelByCallerAsync() =>
        EndAsync(CallerIsAgent ? CallEndedBy.Agent : CallEndedBy.Caller, "caller cancelled", LegEndCause.Cancelled, null);

    /// <summary>Ends the call from the outside (shutdown, API).</summary>
    public Task HangUpAsync(string reason) => EndAsync(CallEndedBy.System, reason, LegEndCause.Unavailable, null);

    /// <summary>A leg ended without us ending it: its peer hung up, went away, or its session expired (the session layer hung it up).</summary>
    internal void OnLegEnded(CallParty party, ILegSession leg, LegEnded ended)
    {
        lock (_state.Gate)
        {
            if (!ReferenceEquals(party == CallParty.Caller ? _caller : _state.CalleeLeg, leg))
            {
                return; // a leg the call no longer has (a transferred agent's)
            }

            if (party == CallParty.Callee && _state.Transferring)
            {
                // RFC 5589 §6: the transferor hangs up once the transfer is under way; the caller stays.
                _state.TransferorLeft = true;
                return;
            }
        }

        var hungUp = ended.Cause == LegEndCause.HungUp && ended.ByPeer;
        var endedBy = !hungUp ? CallEndedBy.System
            : party == CallParty.Caller ? (CallerIsAgent ? CallEndedBy.Agent : CallEndedBy.Caller)
            : (Direction == CallDirection.Outbound ? CallEndedBy.Caller : CallEndedBy.Agent);
        var side = party == CallParty.Caller ? "caller" : "callee";
        var why = hungUp ? side + " hung up"
            : ended.Cause == LegEndCause.SessionExpired ? $"{ended.Detail} on the {side}'s leg"
            : ended.Detail;
        Observe(EndAsync(endedBy, why, ended.Cause, party));
    }

    /// <summary>A new media offer from a party: hold, resume or a change (<see cref="CallHold"/>); null refuses it.</summary>
    internal ValueTask<SdpSession?> OnMediaOfferAsync(CallParty party, ILegSession leg, LegMediaOffer offer) => _hold.OnMediaOfferAsync(party, leg, offer);

    /// <summary>A late offer's answer (in the caller's ACK): one the caller's media cannot use ends the call.</summary>
    internal void OnLateAnswer(CallParty party, ILegSession leg, SdpSession answer)
    {
        if (party == CallParty.Caller && LateOffer && ReferenceEquals(leg, _caller) && !_callerMedia.AcceptAnswer(answer))
        {
            Observe(EndAsync(CallEndedBy.System, "no acceptable SDP answer in the caller's ACK", LegEndCause.MediaRejected, null));
        }
    }

    /// <summary>A party's phone asks for a transfer (<see cref="TransferRequests"/>); true when it is under way.</summary>
    internal ValueTask<bool> OnTransferRequestedAsync(CallParty party, ILegSession leg, LegTransferRequest request) =>
        ValueTask.FromResult(TransferRequests.Take(this, party, leg, request));

    /// <summary>Whether <paramref name="leg"/> is this call's caller leg.</summary>
    internal bool HasCallerLeg(ILegSession leg) => ReferenceEquals(_caller, leg);

    /// <summary>Starts a blind or API transfer in the background (<see cref="CallTransfers"/>).</summary>
    internal void StartTransfer(string target, TransferKind kind, string? reason, Func<TransferProgress, Task>? progress) =>
        _transfers.Start(target, kind, reason, progress);

    /// <summary>Attended transfer: joins our caller with <paramref name="consultation"/>'s callee (<see cref="CallTransfers"/>).</summary>
    internal Task<bool> CompleteAttendedTransferAsync(Call consultation, Func<TransferProgress, Task> progress) =>
        _transfers.CompleteAttendedAsync(this, consultation, progress);

    /// <summary>Gives this call's answered callee to <paramref name="adopter"/> and ends this call (<see cref="CallTransfers"/>).</summary>
    internal Task<AnsweredLeg?> HandOverCalleeAsync(Call adopter) => _transfers.HandOverCalleeAsync(adopter);

    /// <summary>
    /// Sends DTMF digits to the client's leg of the answered call: the trunk caller of an inbound call, the number an
    /// agent dialled out to; an internal call has none.
    /// </summary>
    internal Task<DtmfSendResult> SendDtmfAsync(string digits, CancellationToken cancellationToken)
    {
        MediaBridge? bridge;
        lock (_state.Gate)
        {
            bridge = _state.Phase == CallPhase.Answered ? _state.Bridge : null;
        }

        MediaLegSide? client = !CallerIsAgent ? MediaLegSide.A : ExternalNumber is not null ? MediaLegSide.B : null;
        return _dtmf.SendAsync(bridge, client, digits, cancellationToken);
    }

    /// <inheritdoc />
    HoldView IHeldCall.View(CallParty party, ILegSession leg)
    {
        lock (_state.Gate)
        {
            return party == CallParty.Caller
                ? new HoldView(ReferenceEquals(leg, _caller) ? _callerMedia : null, _state.CalleeMedia, _state.Bridge, CallerNumber)
                : new HoldView(ReferenceEquals(leg, _state.CalleeLeg) ? _state.CalleeMedia : null, _callerMedia, _state.Bridge, _state.Agent ?? DialedNumber);
        }
    }

    /// <inheritdoc />
    public void Publish<T>(Func<int, T> create)
        where T : class =>
        _services.Events.Publish(create(Interlocked.Increment(ref _sequence)));

    /// <inheritdoc />
    public void Observe(Task task) =>
        _ = task.ContinueWith(t => _services.Logger.CallFailed(t.Exception!.GetBaseException(), Id), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <inheritdoc />
    public CallOffer NewOffer() => new(_services, Id, new CallLeg(this, CallParty.Callee));

    /// <inheritdoc />
    public void Offered(string target)
    {
        lock (_state.Gate)
        {
            _state.Agent ??= target;
        }

        Publish(sequence => new CallOffered(Guid.NewGuid(), Id, sequence, Now, target));
        _services.Metrics.Offered();
    }

    /// <inheritdoc />
    public void OfferFailed(string target, string reason)
    {
        Publish(sequence => new CallOfferFailed(Guid.NewGuid(), Id, sequence, Now, target, reason));
        _services.Metrics.OfferFailed(reason);
        lock (_state.Gate)
        {
            if (_state.Phase == CallPhase.Ringing && _state.Agent == target)
            {
                _state.Agent = null;
            }
        }

        _services.Logger.OfferFailed(Id, target, reason);
    }

    /// <inheritdoc />
    public Task ConnectAsync(AnsweredLeg answered) => _connection.ConnectAsync(answered, () => _routing?.Record);

    /// <inheritdoc />
    public Task DiscardAsync(AnsweredLeg answered) => _connection.DiscardAsync(answered);

    /// <inheritdoc />
    public async Task EndAsync(CallEndedBy endedBy, string reason, LegEndCause cause, CallParty? source)
    {
        ILegSession? calleeLeg;
        MediaBridge? bridge;
        AnnouncementPlayer? ringback;
        LegMedia? calleeMedia;
        CallRecording? recording;
        bool answered;
        lock (_state.Gate)
        {
            if (_state.Phase == CallPhase.Ended)
            {
                return;
            }

            answered = _state.Phase == CallPhase.Answered;
            _state.Phase = CallPhase.Ended;
            (calleeLeg, bridge, ringback, calleeMedia) = (_state.CalleeLeg, _state.Bridge, _state.Ringback, _state.CalleeMedia);
            recording = _state.Recording;
            _state.Recording = null;
            _state.Bridge = null;
            _state.Ringback = null;
            _guard?.Dispose();
            _guard = null;
        }

        // Signalling first: the other party learns of the end at once; media and recording are closed after.
        _ending.Cancel();
        ringback?.Stop();
        if (bridge is not null)
        {
            bridge.SilenceTimedOut -= OnSilence;
        }

        var signalling = new List<(string, Func<Task>)>(2);
        if (source != CallParty.Caller)
        {
            signalling.Add(("caller's final response", () => _caller.RejectAsync(cause, CancellationToken.None).AsTask()));
        }

        if (source != CallParty.Callee && calleeLeg is not null)
        {
            signalling.Add(("BYE to the callee", () => calleeLeg.HangUpAsync(CancellationToken.None).AsTask()));
        }

        List<Action> releases = [() => ReleaseAgent(talked: answered)];
        if (CallerIsAgent)
        {
            releases.Add(() => _services.Agents.Release(CallerNumber, talked: answered));
        }

        await CallTeardown.RunAsync(new EndOfCall
        {
            Signalling = signalling,
            Ringback = ringback,
            CloseRecording = recording is null ? null : async () =>
            {
                await recording.DisposeAsync().ConfigureAwait(false);
                Publish(sequence => new RecordingAvailable(Guid.NewGuid(), Id, sequence, Now, recording.Path, recording.Duration));
            },
            Bridge = bridge,
            AgentReleases = releases,
            LogMedia = answered && calleeMedia is not null ? () => LogMediaSummary(calleeMedia) : null,
            Media = [_callerMedia, calleeMedia],
            PublishEnded = () => Publish(sequence => new CallEnded(Guid.NewGuid(), Id, sequence, Now, endedBy, reason)),
            CompleteRouting = () => _services.Router.Complete(Id, null),
            Report = () =>
            {
                _services.Metrics.Ended(endedBy);
                _services.Logger.Ended(Id, endedBy, reason);
            },
            Remove = () => _finished(this),
        }, Id, _services.Logger).ConfigureAwait(false);
    }

    private async Task StartAsync()
    {
        _services.Metrics.Received(Direction);
        _services.Logger.CallReceived(Id, Direction, CallerNumber, DialedNumber, _caller.Id);
        Publish(sequence => new CallReceived(Guid.NewGuid(), Id, sequence, Now, Direction, CallerNumber, DialedNumber, CallerNumberE164)
        {
            Trunk = Trunk,
            Did = Did,
        });

        if (CallerIsAgent)
        {
            // The calling agent is on a call too (the router must not offer them another one meanwhile).
            _services.Agents.TryReserve(CallerNumber, limit: 0, talking: true);
        }

        lock (_state.Gate)
        {
            _guard = _services.Time.CreateTimer(static s => ((Call)s!).OnGuardTimer(), this, _services.Calls.MaxDuration, Timeout.InfiniteTimeSpan);
        }

        var menu = _services.Options.ServiceNumbers.TryGetValue(DialedNumber, out var number)
            && string.Equals(number.Mode, "VoiceMenu", StringComparison.OrdinalIgnoreCase) ? number : null;
        if (LateOffer)
        {
            // No early media without an agreed stream: 180, then the offer in the 200.
            _callerMedia.CreateOffer(_callerMedia.Law);
            menu = null;
        }

        // Early media (RFC 3960) only with an agreed stream: a 183 with our answer, else 180.
        var earlyMedia = (_services.Calls.EarlyMedia || menu is not null) && !LateOffer ? _callerMedia.Local : null;
        await _caller.RingAsync(earlyMedia, CancellationToken.None).ConfigureAwait(false);
        if (earlyMedia is null)
        {
            return;
        }

        if (menu is not null)
        {
            _routing!.MenuChoice = await new VoiceMenu(_services, _callerMedia, Id).RunAsync(menu, _ending.Token).ConfigureAwait(false);
        }

        if (number?.Greeting is { } greeting && menu is null)
        {
            // Not awaited: routing starts at once, and an agent who answers during the greeting cuts it short.
            Observe(_announcements.PlayAsync(greeting, null, _ending.Token));
            return;
        }

        await _announcements.StartRingbackAsync().ConfigureAwait(false);
    }

    private void OnGuardTimer() => Observe(EndAsync(CallEndedBy.System, "maximum call duration reached", LegEndCause.Unavailable, null));

    /// <summary>The bridge heard no media for too long: the call ends.</summary>
    internal void OnSilence(object? sender, EventArgs e) =>
        Observe(EndAsync(CallEndedBy.System, "no media (RTP timeout)", LegEndCause.Unavailable, null));

    private void ReleaseAgent(bool talked)
    {
        string? agent;
        lock (_state.Gate)
        {
            if (!_state.AgentReserved)
            {
                return;
            }

            _state.AgentReserved = false;
            agent = _state.Agent;
        }

        if (agent is not null)
        {
            _services.Agents.Release(agent, talked);
        }
    }

    private void LogMediaSummary(LegMedia calleeMedia)
    {
        _services.Logger.MediaSummary(Id, _callerMedia, calleeMedia);
    }
}
