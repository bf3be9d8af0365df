using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// One call the engine owns as a back-to-back user agent, started one of two ways: it arrived (a caller's leg that we
/// ring, answer or refuse while <see cref="InboundStart"/> routes it to someone), or the service placed it
/// (<see cref="PlacedStart"/>: an agent's phone first, then the client through a trunk). Either way it has a caller's
/// leg, a callee's leg, the media bridge between them and its events, and one owner: its <see cref="CallLoop"/>, the
/// only writer of its <see cref="CallState"/>. Leg events and commands become steps on that loop; routing, the queue,
/// transfers, hold and announcements are flows whose state changes are steps too; the end is one step list for both
/// starts (<see cref="EndAsync"/>, <see cref="CallTeardown"/>).
/// </summary>
#pragma warning disable CA1001 // _ending has no timer or linked parent, so it holds nothing that needs Dispose; it is cancelled when the call ends.
internal sealed class Call : ICallContext
#pragma warning restore CA1001
{
    private readonly CallState _state;
    private readonly CallServices _services;
    private readonly CancellationTokenSource _ending = new();
    private readonly ILegSession? _arrived;
    private readonly LegMedia? _arrivedMedia;
    private readonly Action<Call> _finished;
    private readonly CallHold _hold;
    private readonly CallTransfers _transfers;
    private readonly DtmfToClient _dtmf;
    private readonly CallConnection _connection;
    private CallSnapshot _snapshot;
    private MediaBridge? _answeredBridge;
    private int _sequence;
    private long _guardArmedAt;

    /// <summary>A call that arrived on <paramref name="caller"/> (the trunk's or an agent's phone).</summary>
    public Call(CallServices services, ILegSession caller, LegMedia callerMedia, CallDirection direction, string callerNumber,
        string? callerNumberE164, string dialedNumber, bool callerIsAgent, Action<Call> finished)
        : this(services, caller, callerMedia, direction, callerNumber, callerNumberE164, dialedNumber, callerIsAgent, null, finished)
    {
    }

    /// <summary>
    /// A call the service places for <paramref name="agent"/> to <paramref name="number"/> (E.164): click-to-call, callbacks,
    /// call lists, dispatch; <paramref name="purpose"/> names it on the call record.
    /// </summary>
    public Call(CallServices services, string agent, string number, string? purpose, Action<Call> finished)
        : this(services, null, null, CallDirection.Outbound, agent, number, number, true, purpose ?? "click-to-call", finished)
    {
    }

    private Call(CallServices services, ILegSession? caller, LegMedia? callerMedia, CallDirection direction, string callerNumber,
        string? callerNumberE164, string dialedNumber, bool callerIsAgent, string? purpose, Action<Call> finished)
    {
        _services = services;
        _arrived = caller;
        _arrivedMedia = callerMedia;
        _finished = finished;
        Direction = direction;
        CallerNumber = callerNumber;
        CallerNumberE164 = callerNumberE164;
        DialedNumber = dialedNumber;
        CallerIsAgent = callerIsAgent;
        Purpose = purpose;
        StartedAt = services.Time.GetUtcNow();
        Loop = new CallLoop(Id, services.Logger, Refresh, services.Calls.CheckStateOwner);
        _state = new CallState(Loop, caller, callerMedia);
        Announcements = new CallerAnnouncements(this);
        _hold = new CallHold(services, this);
        _transfers = new CallTransfers(this);
        _dtmf = new DtmfToClient(_ending.Token);
        _connection = new CallConnection(this, services);
        _snapshot = new CallSnapshot(Id, Direction, CallerNumber, DialedNumber, CallPhase.Ringing, IsPlaced ? callerNumber : null, StartedAt, null, false,
            CallerNumberE164);
    }

    public Guid Id { get; } = Guid.NewGuid();

    public CallDirection Direction { get; }

    /// <summary>The caller's number: the calling phone's, or a placed call's agent.</summary>
    public string CallerNumber { get; }

    public string? CallerNumberE164 { get; }

    /// <summary>The number called: a service number, an extension, an outside number (a placed call's client).</summary>
    public string DialedNumber { get; }

    /// <summary>True when the caller is an agent's softphone (internal and outbound calls, placed calls).</summary>
    public bool CallerIsAgent { get; }

    /// <summary>True for a call the service placed (both legs ours); false for a call that arrived.</summary>
    public bool IsPlaced => _arrived is null;

    /// <summary>Why a placed call was placed (e.g. <c>click-to-call</c>, <c>callback</c>); null for a call that arrived.</summary>
    public string? Purpose { get; }

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

    /// <summary>The arriving caller leg's events, told at the end to let go of this call (issue #14).</summary>
    internal CallerLegEvents? CallerLegEvents { get; set; }

    /// <summary>A placed call's outcome: completes when the parties are bridged or the call ended before.</summary>
    public TaskCompletionSource<OriginateOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The call's one writer: every step that reads or changes its state runs here.</summary>
    public CallLoop Loop { get; }

    /// <summary>What the caller hears while it waits (an arriving call).</summary>
    internal CallerAnnouncements Announcements { get; }

    /// <summary>The routing of an arriving call, once it started (its last route's recording switch counts at the answer).</summary>
    internal CallRouting? Routing { get; set; }

    /// <summary>The media bridge between the parties while the call is answered (for supervision and DTMF), else null.</summary>
    internal MediaBridge? Bridge => Volatile.Read(ref _answeredBridge);

    CallServices ICallContext.Services => _services;

    CallState ICallContext.State => _state;

    LegMedia ICallContext.CallerMedia => _arrivedMedia ?? throw new InvalidOperationException("A placed call has no arriving caller.");

    CancellationToken ICallContext.Ending => _ending.Token;

    public DateTimeOffset Now => _services.Time.GetUtcNow();

    /// <summary>The call as it stands after its last step (readable from anywhere).</summary>
    public CallSnapshot Snapshot() => Volatile.Read(ref _snapshot);

    /// <summary>Runs the call from its start to the answer (or its failure); the rest happens on leg events and commands.</summary>
    public async Task RunAsync()
    {
        try
        {
            await (IsPlaced ? new PlacedStart(this, _services).RunAsync(_ending.Token) : new InboundStart(this, _services, _arrived!, _arrivedMedia!).RunAsync(_ending.Token))
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_ending.IsCancellationRequested)
        {
            // Ended while ringing (caller cancelled, hang-up, shutdown): EndAsync did the rest.
        }
#pragma warning disable CA1031 // A bug in one call ends that call, never the engine.
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

    /// <summary>
    /// Arms the maximum-duration guard: from now on <see cref="CallGuardSweep"/> ends the call once it has lasted
    /// <c>Sip:Calls:MaxDuration</c>. Not a step: a call that already ended is out of the sweep's table, or ends again as a no-op.
    /// </summary>
    internal void ArmGuard() => Volatile.Write(ref _guardArmedAt, Math.Max(1, _services.Time.GetTimestamp()));

    /// <summary>Called by <see cref="CallGuardSweep"/>: ends the call (once) when its guard is armed and <paramref name="maxDuration"/> is over.</summary>
    internal void CheckGuard(long now, TimeSpan maxDuration)
    {
        var armedAt = Volatile.Read(ref _guardArmedAt);
        if (armedAt != 0 && _services.Time.GetElapsedTime(armedAt, now) >= maxDuration && Interlocked.CompareExchange(ref _guardArmedAt, 0, armedAt) == armedAt)
        {
            Observe(EndAsync(CallEndedBy.System, "maximum call duration reached", LegEndCause.Unavailable, null));
        }
    }

    /// <summary>A leg ended without us ending it: its peer hung up, went away, or its session expired (the session layer hung it up).</summary>
    internal void OnLegEnded(CallParty party, ILegSession leg, LegEnded ended) => Loop.Post(() =>
    {
        if (!IsPlaced)
        {
            if (!ReferenceEquals(party == CallParty.Caller ? _state.CallerLeg : _state.CalleeLeg, leg))
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

        // A placed call's parties have one leg each for its life (one may end before the call took it: the call ends all the same).
        var hungUp = ended.Cause == LegEndCause.HungUp && ended.ByPeer;
        var endedBy = !hungUp ? CallEndedBy.System
            : party == CallParty.Caller ? (CallerIsAgent ? CallEndedBy.Agent : CallEndedBy.Caller)
            : (Direction == CallDirection.Outbound ? CallEndedBy.Caller : CallEndedBy.Agent);
        var side = (party, IsPlaced) switch
        {
            (CallParty.Caller, false) => "caller",
            (CallParty.Callee, false) => "callee",
            (CallParty.Caller, true) => "agent",
            _ => "client",
        };
        var why = hungUp ? side + " hung up"
            : ended.Cause == LegEndCause.SessionExpired ? $"{ended.Detail} on the {side}'s leg"
            : IsPlaced ? "leg lost" : ended.Detail;
        Observe(EndAsync(endedBy, why, ended.Cause, party));
    });

    /// <summary>A new media offer from a party: hold, resume or a change (<see cref="CallHold"/>); null refuses it.</summary>
    internal ValueTask<SdpSession?> OnMediaOfferAsync(CallParty party, ILegSession leg, LegMediaOffer offer) => _hold.OnMediaOfferAsync(party, leg, offer);

    /// <summary>Once bridged: holds asked for before the bridge was made (<see cref="CallHold.ApplyEarlierHoldsAsync"/>).</summary>
    internal Task ApplyEarlierHoldsAsync() => _hold.ApplyEarlierHoldsAsync();

    /// <summary>A late offer's answer (in the caller's ACK): one the caller's media cannot use ends the call.</summary>
    internal void OnLateAnswer(CallParty party, ILegSession leg, SdpSession answer)
    {
        if (party == CallParty.Caller && LateOffer && ReferenceEquals(leg, _arrived) && !_arrivedMedia!.AcceptAnswer(answer))
        {
            Observe(EndAsync(CallEndedBy.System, "no acceptable SDP answer in the caller's ACK", LegEndCause.MediaRejected, null));
        }
    }

    /// <summary>A party's phone asks for a transfer (<see cref="TransferRequests"/>); true when it is under way.</summary>
    internal Task<bool> OnTransferRequestedAsync(CallParty party, ILegSession leg, LegTransferRequest request) =>
        TransferRequests.TakeAsync(this, party, leg, request);

    /// <summary>Whether <paramref name="leg"/> is the leg this call arrived on.</summary>
    internal bool HasCallerLeg(ILegSession leg) => ReferenceEquals(_arrived, leg);

    /// <summary>
    /// Starts a blind or API transfer (<see cref="CallTransfers"/>); false, at once, when the call is not answered, already
    /// transferring, placed, or over (a command that raced the call's end).
    /// </summary>
    internal Task<bool> TryStartTransferAsync(string target, TransferKind kind, string? reason, Func<TransferProgress, Task>? progress) =>
        IsPlaced ? Task.FromResult(false) : _transfers.TryStartAsync(target, kind, reason, progress);

    /// <summary>Attended transfer: joins our caller with <paramref name="consultation"/>'s callee (<see cref="CallTransfers"/>).</summary>
    internal Task<bool> CompleteAttendedTransferAsync(Call consultation, Func<TransferProgress, Task> progress) =>
        _transfers.CompleteAttendedAsync(this, consultation, progress);

    /// <summary>Gives this call's answered callee to <paramref name="adopter"/> and ends this call (<see cref="CallTransfers"/>).</summary>
    internal Task<AnsweredLeg?> HandOverCalleeAsync(Call adopter) => _transfers.HandOverCalleeAsync(adopter);

    /// <summary>The answering agent, while the call is answered (a step: read on the loop).</summary>
    /// <summary>Whether the callee leg is one of our agents (holding an agent slot), not a client reached through the trunk.</summary>
    internal Task<bool> CalleeIsAgentAsync() => Loop.InvokeAsync(() => _state.AgentReserved);

    internal Task<string?> AnsweringAgentAsync() => Loop.InvokeAsync(() => _state.Phase == CallPhase.Answered ? _state.Agent : null);

    /// <summary>
    /// Sends DTMF digits to the client's leg of the answered call: the trunk caller of an inbound call, the number an
    /// agent dialled out to or a placed call's client; an internal call has none.
    /// </summary>
    internal Task<DtmfSendResult> SendDtmfAsync(string digits, CancellationToken cancellationToken)
    {
        MediaLegSide? client = IsPlaced ? MediaLegSide.B : !CallerIsAgent ? MediaLegSide.A : ExternalNumber is not null ? MediaLegSide.B : null;
        return _dtmf.SendAsync(Bridge, client, digits, cancellationToken);
    }

    /// <summary>Where a supervisor joins the answered call: the bridge and the agent's side of it (B for an arriving call, A for a placed one).</summary>
    internal SupervisionPoint? SupervisionPoint() =>
        Bridge is { } bridge ? new SupervisionPoint(bridge, IsPlaced ? MediaLegSide.A : MediaLegSide.B, Snapshot().AgentExtension) : null;

    /// <summary>One party's side for its media offer (on the loop): its media while the leg is its current one and the call lives.</summary>
    internal HoldView View(CallParty party, ILegSession leg)
    {
        var view = View(party);
        return ReferenceEquals(leg, party == CallParty.Caller ? _state.CallerLeg : _state.CalleeLeg) ? view : view with { Own = null };
    }

    /// <summary>One party's side (on the loop) through its current leg: its media while the call lives.</summary>
    internal HoldView View(CallParty party)
    {
        var live = _state.Phase != CallPhase.Ended;
        return party == CallParty.Caller
            ? new HoldView(live ? _state.CallerMedia : null, _state.CalleeMedia, CallerNumber)
            : new HoldView(live ? _state.CalleeMedia : null, _state.CallerMedia,
                IsPlaced ? DialedNumber : _state.Agent ?? DialedNumber);
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
        Loop.Post(() => _state.Agent ??= target);
        Publish(sequence => new CallOffered(Guid.NewGuid(), Id, sequence, Now, target));
        _services.Metrics.Offered();
    }

    /// <inheritdoc />
    public void OfferFailed(string target, string reason)
    {
        Publish(sequence => new CallOfferFailed(Guid.NewGuid(), Id, sequence, Now, target, reason));
        _services.Metrics.OfferFailed(reason);
        Loop.Post(() =>
        {
            if (!IsPlaced && _state.Phase == CallPhase.Ringing && _state.Agent == target)
            {
                _state.Agent = null;
            }
        });
        _services.Logger.OfferFailed(Id, target, reason);
    }

    /// <inheritdoc />
    public Task<bool> ConnectAsync(AnsweredLeg answered) => _connection.ConnectAsync(answered, () => Routing?.Record);

    /// <inheritdoc />
    public Task DiscardAsync(AnsweredLeg answered, string? failure = null) => _connection.DiscardAsync(answered, failure);

    /// <inheritdoc />
    public async Task EndAsync(CallEndedBy endedBy, string reason, LegEndCause cause, CallParty? source)
    {
        // One step takes what the call leaves behind (at once when a step ends the call); the clean-up (I/O) runs after it.
        EndOfCall? end;
        if (Loop.IsCurrent)
        {
            end = TakeEnd(endedBy, reason, cause, source);
            if (end is null)
            {
                return;
            }

            await Task.Yield(); // the clean-up runs off the loop: the loop goes on with its next step
        }
        else
        {
            end = await Loop.InvokeAsync(() => TakeEnd(endedBy, reason, cause, source)).ConfigureAwait(false);
        }

        if (end is not null)
        {
            _ending.Cancel();
            await CallTeardown.RunAsync(end, Id, _services.Logger).ConfigureAwait(false);
        }
    }

    /// <summary>The end step (on the loop): the call is over from here on, and what it holds goes into one step list for both starts.</summary>
    private EndOfCall? TakeEnd(CallEndedBy endedBy, string reason, LegEndCause cause, CallParty? source)
    {
        if (_state.Phase == CallPhase.Ended)
        {
            return null;
        }

        // A cancelled caller was never answered (the session layer answers either the CANCEL or the INVITE), even when its
        // agent had answered and was connected: the agent did not talk.
        var connected = _state.Phase == CallPhase.Answered;
        var answered = connected && cause != LegEndCause.Cancelled;
        _state.Phase = CallPhase.Ended;
        var (callerLeg, calleeLeg, callerMedia, calleeMedia) = (_state.CallerLeg, _state.CalleeLeg, _state.CallerMedia, _state.CalleeMedia);
        var (callerEvents, calleeEvents) = (_state.CallerEvents, _state.CalleeEvents);
        var (ringback, bridge, recording, recordingRefused, voicemail) = (_state.Ringback, _state.Bridge, _state.Recording, _state.RecordingRefused, _state.Voicemail);
        (_state.Ringback, _state.Bridge, _state.Recording, _state.RecordingRefused, _state.Voicemail) = (null, null, null, null, null);
        ringback?.Stop();
        if (bridge is not null)
        {
            bridge.SilenceTimedOut -= OnSilence;
        }

        // Signalling first: the other party learns of the end at once; media and recording are closed after.
        var signalling = new List<(string, Func<Task>)>(2);
        if (source != CallParty.Caller && callerLeg is not null)
        {
            signalling.Add(IsPlaced
                ? ("BYE to the agent", () => callerLeg.HangUpAsync(CancellationToken.None).AsTask())
                : ("caller's final response", () => callerLeg.RejectAsync(cause, CancellationToken.None).AsTask()));
        }

        if (source != CallParty.Callee && calleeLeg is not null)
        {
            signalling.Add((IsPlaced ? "BYE to the client" : "BYE to the callee", () => calleeLeg.HangUpAsync(CancellationToken.None).AsTask()));
        }

        var releases = new List<Action>(2);
        if (_state.AgentReserved && _state.Agent is { } agent)
        {
            _state.AgentReserved = false;
            releases.Add(() => _services.Agents.Release(agent, talked: answered, answered: connected));
        }

        if (_state.CallerSlot is { } callingAgent)
        {
            _state.CallerSlot = null;
            // A talking slot whether or not the other party answered: the calling agent's phone is on the call.
            releases.Add(() => _services.Agents.Release(callingAgent, talked: answered, answered: true));
        }

        var agentAnswered = callerLeg is not null;
        return new EndOfCall
        {
            Signalling = signalling,
            Ringback = ringback,
            CloseRecording = recording is null && voicemail is not null ? voicemail.CloseAsync : RecordingClose.Step(this, _services, recording, recordingRefused),
            Bridge = bridge,
            AgentReleases = releases,
            LogMedia = answered && callerMedia is not null && calleeMedia is not null ? () => _services.Logger.MediaSummary(Id, callerMedia, calleeMedia) : null,
            Media = [callerMedia, calleeMedia],
            PublishEnded = () => Publish(sequence => new CallEnded(Guid.NewGuid(), Id, sequence, Now, endedBy, reason)),
            CompleteRouting = IsPlaced
                ? () => Outcome.TrySetResult(agentAnswered ? OriginateOutcome.ClientMissed : OriginateOutcome.AgentMissed)
                : () => _services.Router.Complete(Id, null),
            Report = () =>
            {
                _services.Metrics.Ended(endedBy);
                _services.Logger.Ended(Id, endedBy, reason);
            },
            Remove = () =>
            {
                _finished(this);
                callerEvents?.Release(this); // the session layer keeps ended legs a while (issue #14): not the call
                CallerLegEvents?.Release();
                calleeEvents?.Release(this);
            },
        };
    }

    /// <summary>The bridge heard no media for too long: the call ends.</summary>
    internal void OnSilence(object? sender, EventArgs e) =>
        Observe(EndAsync(CallEndedBy.System, "no media (RTP timeout)", LegEndCause.Unavailable, null));

    /// <summary>After every step: what others read of the call (its snapshot, its bridge while answered) is brought up to date.</summary>
    private void Refresh()
    {
        var answered = _state.Phase == CallPhase.Answered;
        var current = _snapshot;
        var agent = _state.Agent;
        if (current.Phase != _state.Phase || current.AgentExtension != agent || current.AnsweredAt != _state.AnsweredAt || current.OnHold != _state.Held)
        {
            Volatile.Write(ref _snapshot, current with { Phase = _state.Phase, AgentExtension = agent, AnsweredAt = _state.AnsweredAt, OnHold = _state.Held });
        }

        Volatile.Write(ref _answeredBridge, answered ? _state.Bridge : null);
    }
}
