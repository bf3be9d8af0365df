using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// One call the engine owns as a back-to-back user agent: the caller's leg (we are its UAS), the leg to whoever
/// answers (we are its UAC), the media bridge between them, and the call's events. This class holds the call's
/// life (start, answer, end) and hands the rest to its pieces: <see cref="CallRouting"/> finds an answer,
/// <see cref="CallerAnnouncements"/> plays to the waiting caller, the caller's leg of the session port rings, answers
/// or refuses the caller, <see cref="CallHold"/> and <see cref="CallTransfers"/> act on the answered call. State lives in
/// <see cref="CallState"/> behind one lock; SIP and media I/O happen outside it.
/// </summary>
#pragma warning disable CA1001 // _ending has no timer or linked parent, so it holds nothing that needs Dispose; it is cancelled when the call ends.
internal sealed class Call : ICallContext, IHeldCall
#pragma warning restore CA1001
{
    private readonly CallState _state = new();
    private readonly CallServices _services;
    private readonly CancellationTokenSource _ending = new();
    private readonly ServerLegSession _caller;
    private readonly LegMedia _callerMedia;
    private readonly CallLeg _callerLeg;
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
        // Until the caller's in-dialog requests move behind the port (issue #14), the call still makes the leg's dialog.
        _caller = caller as ServerLegSession ?? throw new ArgumentException("An arriving call's leg comes from the SIP session layer.", nameof(caller));
        _callerMedia = callerMedia;
        _finished = finished;
        _callerLeg = new CallLeg(this, CallParty.Caller);
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

    /// <summary>The E.164 number an agent dialled out to through the trunk, or null.</summary>
    public string? ExternalNumber { get; init; }

    /// <summary>The extensions to offer the call to, when fixed by the dial plan (an agent called an extension); null to ask the router.</summary>
    public IReadOnlyList<string>? FixedTargets { get; init; }

    /// <summary>The session timer agreed with the caller (RFC 4028 §9), announced in our answer; null for none.</summary>
    public SessionTerms? CallerSessionTerms => _caller.Session?.Terms;

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

    /// <summary>A leg's dialog ended without us ending it.</summary>
    internal void OnLegTerminated(CallParty party, SipDialog dialog, DialogTerminationReason reason)
    {
        if (reason is DialogTerminationReason.LocalBye or DialogTerminationReason.Rejected)
        {
            return;
        }

        lock (_state.Gate)
        {
            var current = party == CallParty.Caller ? _state.CallerDialog : _state.CalleeDialog;
            if (!ReferenceEquals(current, dialog))
            {
                return;
            }

            if (party == CallParty.Callee && _state.Transferring)
            {
                // RFC 5589 §6: the transferor hangs up once the transfer is under way; the caller stays.
                _state.TransferorLeft = true;
                return;
            }
        }

        var endedBy = reason != DialogTerminationReason.RemoteBye ? CallEndedBy.System
            : party == CallParty.Caller ? (CallerIsAgent ? CallEndedBy.Agent : CallEndedBy.Caller)
            : (Direction == CallDirection.Outbound ? CallEndedBy.Caller : CallEndedBy.Agent);
        var why = reason switch
        {
            DialogTerminationReason.RemoteBye => party == CallParty.Caller ? "caller hung up" : "callee hung up",
            DialogTerminationReason.AckTimeout => "no ACK for the answer",
            DialogTerminationReason.RequestFailed => "leg lost (481/408 in dialog)",
            _ => "leg abandoned",
        };
        Observe(EndAsync(endedBy, why, LegEndCause.Unavailable, party));
    }

    /// <summary>A re-INVITE or UPDATE from a party: a session refresh, hold or resume (<see cref="CallHold"/>).</summary>
    internal Task OnReOfferAsync(CallParty party, SipDialog dialog, SipServerTransaction transaction, SipRequest request) =>
        _hold.OnReOfferAsync(party, dialog, transaction, request);

    /// <summary>The ACK for our 2xx to the caller: a late offer's answer that is missing or unacceptable ends the call.</summary>
    internal Task OnCallerAckAsync(SipRequest ack) =>
        !LateOffer || ServerLegSession.AcceptLateAnswer(ack, _callerMedia)
            ? Task.CompletedTask
            : EndAsync(CallEndedBy.System, "no acceptable SDP answer in the caller's ACK", LegEndCause.MediaRejected, null);

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
    HoldView IHeldCall.View(CallParty party)
    {
        lock (_state.Gate)
        {
            return party == CallParty.Caller
                ? new HoldView(_callerMedia, _state.CalleeMedia, _state.Bridge, CallerNumber, _state.CallerTimer)
                : new HoldView(_state.CalleeMedia, _callerMedia, _state.Bridge, _state.Agent ?? DialedNumber, _state.CalleeTimer);
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
    public void WatchCallee(AnsweredLeg answered) => _connection.WatchCallee(answered);

    /// <inheritdoc />
    public Task DiscardAsync(AnsweredLeg answered) => _connection.DiscardAsync(answered);

    /// <inheritdoc />
    public Task ByeQuietlyAsync(SipDialog dialog) => _services.ByeQuietlyAsync(dialog, Id);

    /// <inheritdoc />
    public async Task EndAsync(CallEndedBy endedBy, string reason, LegEndCause cause, CallParty? source)
    {
        SipDialog? callerDialog;
        SipDialog? calleeDialog;
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
            (callerDialog, calleeDialog, bridge, ringback, calleeMedia) = (_state.CallerDialog, _state.CalleeDialog, _state.Bridge, _state.Ringback, _state.CalleeMedia);
            recording = _state.Recording;
            _state.Recording = null;
            _state.Bridge = null;
            _state.Ringback = null;
            _state.CallerTimer?.Dispose();
            _state.CalleeTimer?.Dispose();
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

        if (source != CallParty.Callee && calleeDialog is not null)
        {
            signalling.Add(("BYE to the callee", () => ByeQuietlyAsync(calleeDialog)));
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
        Publish(sequence => new CallReceived(Guid.NewGuid(), Id, sequence, Now, Direction, CallerNumber, DialedNumber, CallerNumberE164));

        if (CallerIsAgent)
        {
            // The calling agent is on a call too (the router must not offer them another one meanwhile).
            _services.Agents.TryReserve(CallerNumber, limit: 0, talking: true);
        }

        var contact = SessionRequests.Contact(_services.Transport, _caller.Invite.Source.Protocol, _services.Calls.ContactUser);
        var dialog = _caller.Establish(contact, _callerLeg);
        lock (_state.Gate)
        {
            _state.CallerDialog = dialog;
            _state.CallerTimer = _services.CreateSessionTimer(Id, dialog, _callerMedia, _caller.PeerAllowsUpdate,
                why => OnSessionExpired(dialog, why + " on the caller's leg"));
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

    /// <summary>RFC 4028 §10: a leg's session expired without a refresh; the call ends with BYE to both legs.</summary>
    internal void OnSessionExpired(SipDialog dialog, string why)
    {
        lock (_state.Gate)
        {
            if (!ReferenceEquals(dialog, _state.CallerDialog) && !ReferenceEquals(dialog, _state.CalleeDialog))
            {
                return;
            }
        }

        Observe(EndAsync(CallEndedBy.System, why, LegEndCause.Unavailable, null));
    }

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
        var (caller, callee) = (_callerMedia.Endpoint.Statistics, calleeMedia.Endpoint.Statistics);
        _services.Logger.MediaSummary(Id, caller.PacketsReceived, callee.PacketsSent, callee.PacketsReceived, caller.PacketsSent, caller.PacketsLost,
            callee.PacketsLost);
    }
}
