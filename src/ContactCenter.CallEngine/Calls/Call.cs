using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Media;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sdp;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;
using Microsoft.Extensions.Logging;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// One call the engine owns as a back-to-back user agent: the caller's leg (we are its UAS), the leg to whoever
/// answers (we are its UAC), the media bridge between them, and the call's events. State changes go through one
/// lock; SIP and media I/O happen outside it. The call asks the router for targets, rings each one's registered
/// contacts in turn (see <see cref="CallOffer"/>), bridges the first that answers, and ends both legs together.
/// </summary>
#pragma warning disable CA1001 // _ending has no timer or linked parent, so it holds nothing that needs Dispose; it is cancelled when the call ends.
internal sealed class Call
#pragma warning restore CA1001
{
    private readonly Lock _gate = new();
    private readonly CallServices _services;
    private readonly CancellationTokenSource _ending = new();
    private readonly SipServerTransaction _callerInvite;
    private readonly LegMedia _callerMedia;
    private readonly CallLeg _callerLeg;
    private readonly Action<Call> _finished;
    private readonly List<string> _tried = [];
    private SipDialog? _callerDialog;
    private SipDialog? _calleeDialog;
    private LegMedia? _calleeMedia;
    private string? _agent;
    private bool _agentReserved;
    private bool? _record;
    private AnnouncementPlayer? _ringback;
    private MediaBridge? _bridge;
    private CallRecording? _recording;
    private ITimer? _guard;
    private CallPhase _phase = CallPhase.Ringing;
    private DateTimeOffset? _answeredAt;
    private int _sequence;
    private string? _menuChoice;
    private bool _transferring;
    private bool _transferorLeft;

    public Call(CallServices services, SipServerTransaction callerInvite, LegMedia callerMedia, CallDirection direction, string callerNumber,
        string? callerNumberE164, string dialedNumber, bool callerIsAgent, Action<Call> finished)
    {
        _services = services;
        _callerInvite = callerInvite;
        _callerMedia = callerMedia;
        _finished = finished;
        _callerLeg = new CallLeg(this, CallParty.Caller);
        Direction = direction;
        CallerNumber = callerNumber;
        CallerNumberE164 = callerNumberE164;
        DialedNumber = dialedNumber;
        CallerIsAgent = callerIsAgent;
        StartedAt = services.Time.GetUtcNow();
    }

    public Guid Id { get; } = Guid.NewGuid();

    public CallDirection Direction { get; }

    public string CallerNumber { get; }

    public string? CallerNumberE164 { get; }

    public string DialedNumber { get; }

    /// <summary>True when the caller is an agent's softphone (internal and outbound calls).</summary>
    public bool CallerIsAgent { get; }

    public DateTimeOffset StartedAt { get; }

    public SipServerTransaction CallerInvite => _callerInvite;

    /// <summary>True when the caller's INVITE had no SDP: our offer goes in the 200 and the answer comes in the ACK.</summary>
    public bool LateOffer { get; init; }

    /// <summary>The E.164 number an agent dialled out to through the trunk, or null.</summary>
    public string? ExternalNumber { get; init; }

    /// <summary>The extensions to offer the call to, when fixed by the dial plan (an agent called an extension); null to ask the router.</summary>
    public IReadOnlyList<string>? FixedTargets { get; init; }

    public CallSnapshot Snapshot()
    {
        lock (_gate)
        {
            var onHold = _bridge is { } bridge && (bridge.IsOnHold(MediaLegSide.A) || bridge.IsOnHold(MediaLegSide.B));
            return new CallSnapshot(Id, Direction, CallerNumber, DialedNumber, _phase, _agent, StartedAt, _answeredAt, onHold, CallerNumberE164);
        }
    }

    /// <summary>Runs the call from the INVITE to the answer (or its failure); the rest happens on leg events.</summary>
    public async Task RunAsync()
    {
        try
        {
            await StartAsync().ConfigureAwait(false);
            await RouteAsync(_ending.Token).ConfigureAwait(false);
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
            await EndAsync(CallEndedBy.System, "engine error", SipStatusCodes.ServerInternalError, null).ConfigureAwait(false);
        }
    }

    /// <summary>The caller sent CANCEL before the call was answered (RFC 3261 §9.2): 487 to the INVITE, CANCEL to ringing agents.</summary>
    public Task CancelByCallerAsync() =>
        EndAsync(CallerIsAgent ? CallEndedBy.Agent : CallEndedBy.Caller, "caller cancelled", SipStatusCodes.RequestTerminated, null);

    /// <summary>Ends the call from the outside (shutdown, API).</summary>
    public Task HangUpAsync(string reason) => EndAsync(CallEndedBy.System, reason, SipStatusCodes.TemporarilyUnavailable, null);

    /// <summary>A leg's dialog ended without us ending it.</summary>
    internal void OnLegTerminated(CallParty party, SipDialog dialog, DialogTerminationReason reason)
    {
        if (reason is DialogTerminationReason.LocalBye or DialogTerminationReason.Rejected)
        {
            return;
        }

        lock (_gate)
        {
            var current = party == CallParty.Caller ? _callerDialog : _calleeDialog;
            if (!ReferenceEquals(current, dialog))
            {
                return;
            }

            if (party == CallParty.Callee && _transferring)
            {
                // RFC 5589 §6: the transferor hangs up once the transfer is under way; the caller stays.
                _transferorLeft = true;
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
        Observe(EndAsync(endedBy, why, SipStatusCodes.TemporarilyUnavailable, party));
    }

    private async Task StartAsync()
    {
        var request = _callerInvite.Request;
        _services.Metrics.Received(Direction);
        _services.Logger.CallReceived(Id, Direction, CallerNumber, DialedNumber, request.CallId);
        Publish(sequence => new CallReceived(Guid.NewGuid(), Id, sequence, Now, Direction, CallerNumber, DialedNumber, CallerNumberE164));

        if (CallerIsAgent)
        {
            // The calling agent is on a call too (the router must not offer them another one meanwhile).
            _services.Agents.TryReserve(CallerNumber, limit: 0, talking: true);
        }

        var contact = SipLegRequests.Contact(_services.Transport, _callerInvite.Source.Protocol, _services.Calls.ContactUser);
        var dialog = _services.Dialogs.CreateUasDialog(_callerInvite, contact, _callerLeg);
        lock (_gate)
        {
            _callerDialog = dialog;
            _guard = _services.Time.CreateTimer(static s => ((Call)s!).OnGuardTimer(), this, _services.Calls.MaxDuration,
                Timeout.InfiniteTimeSpan);
        }

        var menu = _services.Options.ServiceNumbers.TryGetValue(DialedNumber, out var number)
            && string.Equals(number.Mode, "VoiceMenu", StringComparison.OrdinalIgnoreCase) ? number : null;
        if (LateOffer)
        {
            // No early media without an agreed stream (and no 100rel to offer in a 183): 180, then the offer in the 200.
            _callerMedia.CreateOffer(_callerMedia.Law);
            menu = null;
        }

        if ((!_services.Calls.EarlyMedia && menu is null) || LateOffer)
        {
            await _services.Dialogs.SendResponseAsync(dialog, _callerInvite, dialog.CreateResponse(request, SipStatusCodes.Ringing), CancellationToken.None)
                .ConfigureAwait(false);
            return;
        }

        // RFC 3960 §3: early media in a 183 with the (unreliable) answer; the 200 repeats the same answer.
        var progress = dialog.CreateResponse(request, SipStatusCodes.SessionProgress, b => b.SetBody(SdpWriter.ToBytes(_callerMedia.Local!), SipLegRequests.SdpContentType));
        await _services.Dialogs.SendResponseAsync(dialog, _callerInvite, progress, CancellationToken.None).ConfigureAwait(false);
        if (menu is not null)
        {
            _menuChoice = await new VoiceMenu(_services, _callerMedia, Id).RunAsync(menu, _ending.Token).ConfigureAwait(false);
        }

        if (number?.Greeting is { } greeting && menu is null)
        {
            // Not awaited: routing starts at once, and an agent who answers during the greeting cuts it short.
            Observe(PlayToCallerAsync(greeting, null, _ending.Token));
            return;
        }

        var tone = await _services.Announcements.GetAsync("ringback", _callerMedia.Law, CancellationToken.None).ConfigureAwait(false)
            ?? Tones.GetRingback(_callerMedia.Law);
        lock (_gate)
        {
            if (_phase == CallPhase.Ringing)
            {
                _ringback = _services.Relay.CreatePlayer(_callerMedia.Endpoint, tone, loop: true);
                _ringback.Start();
            }
        }
    }

    private async Task RouteAsync(CancellationToken cancellationToken)
    {
        if (ExternalNumber is not null)
        {
            await DialOutAsync(ExternalNumber, cancellationToken).ConfigureAwait(false);
            return;
        }

        var route = FixedTargets is { } fixedTargets
            ? new CallRoute("dialled-extension", fixedTargets, [.. fixedTargets.Select(t => new RoutingStep(t, "dialled by an agent"))])
            : await _services.Router.RouteAsync(RouteRequest(), cancellationToken).ConfigureAwait(false);
        Publish(sequence => new CallClassified(Guid.NewGuid(), Id, sequence, Now, route.ClientId, route.ClientType, route.RuleName, _menuChoice, route.ToTraceJson()));
        if (_services.Logger.IsEnabled(LogLevel.Information))
        {
            _services.Logger.Routed(Id, route.RuleName, string.Join(",", route.Targets), string.Join("; ", route.Steps.Select(s => $"{s.Extension}: {s.Verdict}")));
        }
        string? queued = null;
        var nextPosition = DateTimeOffset.MaxValue;
        while (true)
        {
            _record = route.Record;
            var offered = false;
            if (route.RingAll && route.Targets.Count > 1)
            {
                offered = true;
                _tried.AddRange(route.Targets);
                var group = await NewOffer().OfferGroupAsync(route.Targets, _callerMedia.Law, CallerNumber, Offered, OfferFailed, cancellationToken)
                    .ConfigureAwait(false);
                if (group is not null)
                {
                    await ConnectAsync(group).ConfigureAwait(false);
                    return;
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            foreach (var target in route.RingAll && route.Targets.Count > 1 ? [] : route.Targets)
            {
                // Outside a queue a target is offered the call once; a queue may come back to an agent later.
                if (route.Queue is null && _tried.Contains(target, StringComparer.Ordinal))
                {
                    continue;
                }

                _tried.Add(target);
                offered = true;
                cancellationToken.ThrowIfCancellationRequested();
                if (await OfferAsync(target, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            if (FixedTargets is not null)
            {
                break;
            }

            if (route.Queue is { } queue)
            {
                if (!string.Equals(queued, queue.QueueName, StringComparison.Ordinal))
                {
                    queued = queue.QueueName;
                    Publish(sequence => new CallQueued(Guid.NewGuid(), Id, sequence, Now, queue.QueueName, queue.Position));
                    _services.Logger.Queued(Id, queue.QueueName, queue.Position);
                    // Not awaited: the queue keeps looking for an agent (and listening for keys) while it plays.
                    Observe(PlayToCallerAsync([.. queue.Announcement is { } intro ? [intro] : Array.Empty<string>(), .. PositionPrompt(queue)],
                        "music-on-hold", cancellationToken));
                    nextPosition = Now + _services.Calls.QueueAnnounceInterval;
                }
                else if (Now >= nextPosition && PositionPrompt(queue) is { Count: > 0 } prompt)
                {
                    Observe(PlayToCallerAsync(prompt, "music-on-hold", cancellationToken));
                    nextPosition = Now + _services.Calls.QueueAnnounceInterval;
                }

                if (!offered)
                {
                    var key = await WaitForAgentsAsync(queue.CallbackKey is not null && CallerNumberE164 is not null && !LateOffer, cancellationToken)
                        .ConfigureAwait(false);
                    if (key is { } pressed && pressed == queue.CallbackKey && _services.Router.RequestCallback(Id, queue.QueueName, CallerNumberE164!))
                    {
                        _services.Logger.CallbackRequested(Id, queue.QueueName);
                        await PlayToCallerAsync("callback-confirmed", null, cancellationToken).ConfigureAwait(false);
                        await EndAsync(CallEndedBy.Caller, "callback requested", SipStatusCodes.TemporarilyUnavailable, null).ConfigureAwait(false);
                        return;
                    }
                }
            }

            // Everyone so far failed: the router may know someone else now (a phone registered, an agent freed up).
            var previous = route;
            route = await _services.Router.RouteAsync(RouteRequest(), cancellationToken).ConfigureAwait(false);
            if (!string.Equals(previous.RuleName, route.RuleName, StringComparison.Ordinal) || previous.Queue?.QueueName != route.Queue?.QueueName)
            {
                // Overflow or a changed policy: the record keeps every decision.
                Publish(sequence => new CallClassified(Guid.NewGuid(), Id, sequence, Now, route.ClientId, route.ClientType, route.RuleName, _menuChoice, route.ToTraceJson()));
            }

            if (route.Queue is null && route.Targets.All(t => _tried.Contains(t, StringComparer.Ordinal)))
            {
                break;
            }
        }

        if (route.FinalAnnouncement is { } final)
        {
            await PlayToCallerAsync(final, null, cancellationToken).ConfigureAwait(false);
        }

        await EndAsync(CallEndedBy.System, route.FinalAnnouncement is null ? "no agent available" : $"no agent available ({route.FinalAnnouncement})",
            FixedTargets is null ? SipStatusCodes.TemporarilyUnavailable : SipStatusCodes.BusyHere, null).ConfigureAwait(false);
    }

    /// <summary>
    /// "You are number 3 in the queue. Your expected wait is about 4 minutes.", as the names of the recorded pieces
    /// (sip-config/announcements/queue-you-are.wav, number-3.wav, ...); positions past 9 say "more than nine".
    /// </summary>
    private static List<string> PositionPrompt(QueueWait queue)
    {
        List<string> names = ["queue-you-are", queue.Position <= 9 ? $"number-{queue.Position}" : "number-many", "queue-in-line"];
        if (queue.ExpectedWait is { } wait)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            names.AddRange(["queue-wait-about", minutes <= 9 ? $"number-{minutes}" : "number-many", minutes == 1 ? "queue-minute" : "queue-minutes"]);
        }

        return names;
    }

    /// <summary>
    /// Waits until an agent's calls change (one may be free now) or the queue's poll interval passes; with
    /// <paramref name="listen"/>, also for a key the caller presses (returned), e.g. to ask for a callback.
    /// </summary>
    private async Task<char?> WaitForAgentsAsync(bool listen, CancellationToken cancellationToken)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(AgentActivityChange change)
        {
            if (change.Kind is AgentActivityKind.Released or AgentActivityKind.CallEnded)
            {
                changed.TrySetResult();
            }
        }

        _services.Agents.Changed += OnChanged;
        // Keys are heard only while waiting: the listener is removed before any agent is offered the call (the
        // bridge takes the caller's media handler then).
        var listener = listen ? new DtmfListener() : null;
        if (listener is not null)
        {
            _callerMedia.Endpoint.SetHandler(listener);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var key = listener is null ? Task.Delay(Timeout.Infinite, stop.Token) : listener.Digits.ReadAsync(stop.Token).AsTask();
            var first = await Task.WhenAny(changed.Task, Task.Delay(_services.Calls.QueuePollInterval, _services.Time, stop.Token), key).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return first == key && key is Task<char> digit ? await digit.ConfigureAwait(false) : null;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            _services.Agents.Changed -= OnChanged;
            if (listener is not null)
            {
                _callerMedia.Endpoint.SetHandler(null);
            }
        }
    }

    /// <summary>
    /// Plays the announcement <paramref name="name"/> to the caller (early media) in place of the ringback and waits
    /// for its end; then the caller hears <paramref name="then"/> (music on hold in a queue) or the ringback again.
    /// Nothing happens for a late-offer caller (no media yet), a missing file, or a call no longer ringing.
    /// </summary>
    private Task PlayToCallerAsync(string name, string? then, CancellationToken cancellationToken) =>
        PlayToCallerAsync([name], then, cancellationToken);

    /// <summary>Plays the announcements <paramref name="names"/> one after another (see the single-name overload).</summary>
    private async Task PlayToCallerAsync(IReadOnlyList<string> names, string? then, CancellationToken cancellationToken)
    {
        var frames = LateOffer ? null : await _services.Announcements.GetSequenceAsync(names, _callerMedia.Law, cancellationToken).ConfigureAwait(false);
        if (frames is null)
        {
            return;
        }

        var loop = (then is null ? null : await _services.Announcements.GetAsync(then, _callerMedia.Law, cancellationToken).ConfigureAwait(false))
            ?? await _services.Announcements.GetAsync("ringback", _callerMedia.Law, CancellationToken.None).ConfigureAwait(false)
            ?? Tones.GetRingback(_callerMedia.Law);
        AnnouncementPlayer? previous;
        AnnouncementPlayer player;
        lock (_gate)
        {
            if (_phase != CallPhase.Ringing)
            {
                return;
            }

            previous = _ringback;
            previous?.Stop();
            player = _services.Relay.CreatePlayer(_callerMedia.Endpoint, frames, loop: false);
            _ringback = player;
            player.Start();
        }

        if (previous is not null)
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await player.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            var disposeHere = false;
            lock (_gate)
            {
                if (_ringback == player)
                {
                    disposeHere = true;
                    _ringback = null;
                    if (_phase == CallPhase.Ringing && !cancellationToken.IsCancellationRequested)
                    {
                        _ringback = _services.Relay.CreatePlayer(_callerMedia.Endpoint, loop, loop: true);
                        _ringback.Start();
                    }
                }
            }

            if (disposeHere)
            {
                await player.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private CallRouteRequest RouteRequest() => new(Id, CallerNumber, CallerNumberE164, DialedNumber, _menuChoice, [.. _tried]);

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    private void Publish<T>(Func<int, T> create)
        where T : class =>
        _services.Events.Publish(create(Interlocked.Increment(ref _sequence)));

    private void OnGuardTimer() => Observe(EndAsync(CallEndedBy.System, "maximum call duration reached", SipStatusCodes.TemporarilyUnavailable, null));

    private void OnSilence(object? sender, EventArgs e) =>
        Observe(EndAsync(CallEndedBy.System, "no media (RTP timeout)", SipStatusCodes.TemporarilyUnavailable, null));

    private void Observe(Task task) =>
        _ = task.ContinueWith(t => _services.Logger.CallFailed(t.Exception!.GetBaseException(), Id), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private void ReleaseAgent(bool talked)
    {
        string? agent;
        lock (_gate)
        {
            if (!_agentReserved)
            {
                return;
            }

            _agentReserved = false;
            agent = _agent;
        }

        if (agent is not null)
        {
            _services.Agents.Release(agent, talked);
        }
    }

    private Task ByeQuietlyAsync(SipDialog dialog) => SipLegRequests.ByeQuietlyAsync(_services, dialog, Id);

    private async Task EndAsync(CallEndedBy endedBy, string reason, int finalStatus, CallParty? source)
    {
        SipDialog? callerDialog;
        SipDialog? calleeDialog;
        MediaBridge? bridge;
        AnnouncementPlayer? ringback;
        LegMedia? calleeMedia;
        CallRecording? recording;
        bool answered;
        lock (_gate)
        {
            if (_phase == CallPhase.Ended)
            {
                return;
            }

            answered = _phase == CallPhase.Answered;
            _phase = CallPhase.Ended;
            (callerDialog, calleeDialog, bridge, ringback, calleeMedia) = (_callerDialog, _calleeDialog, _bridge, _ringback, _calleeMedia);
            recording = _recording;
            _recording = null;
            _bridge = null;
            _ringback = null;
            _guard?.Dispose();
            _guard = null;
        }

        // Signalling first: the other party learns of the end at once; media and recording are closed after.
        _ending.Cancel();
        ringback?.Stop();
        if (source != CallParty.Caller)
        {
            await EndCallerLegAsync(callerDialog, finalStatus).ConfigureAwait(false);
        }

        if (source != CallParty.Callee && calleeDialog is not null)
        {
            await ByeQuietlyAsync(calleeDialog).ConfigureAwait(false);
        }

        if (ringback is not null)
        {
            await ringback.DisposeAsync().ConfigureAwait(false);
        }

        if (recording is not null)
        {
            await recording.DisposeAsync().ConfigureAwait(false);
            Publish(sequence => new RecordingAvailable(Guid.NewGuid(), Id, sequence, Now, recording.Path, recording.Duration));
        }

        if (bridge is not null)
        {
            bridge.SilenceTimedOut -= OnSilence;
            await bridge.DisposeAsync().ConfigureAwait(false);
        }

        ReleaseAgent(talked: answered);
        if (CallerIsAgent)
        {
            _services.Agents.Release(CallerNumber, talked: answered);
        }

        if (answered && calleeMedia is not null)
        {
            var (caller, callee) = (_callerMedia.Endpoint.Statistics, calleeMedia.Endpoint.Statistics);
            _services.Logger.MediaSummary(Id, caller.PacketsReceived, callee.PacketsSent, callee.PacketsReceived, caller.PacketsSent, caller.PacketsLost,
                callee.PacketsLost);
        }

        await DisposeQuietlyAsync(_callerMedia).ConfigureAwait(false);
        await DisposeQuietlyAsync(calleeMedia).ConfigureAwait(false);
        Publish(sequence => new CallEnded(Guid.NewGuid(), Id, sequence, Now, endedBy, reason));
        _services.Router.Complete(Id, null);
        _services.Metrics.Ended(endedBy);
        _services.Logger.Ended(Id, endedBy, reason);
        _finished(this);
    }

    /// <summary>Closes a leg's media; a failure there is logged and never keeps the call from ending and being reported.</summary>
    private async Task DisposeQuietlyAsync(LegMedia? media)
    {
        if (media is null)
        {
            return;
        }

        try
        {
            await media.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Clean-up of sockets must not stop the call-ended event.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _services.Logger.CallFailed(ex, Id);
        }
    }

    private async Task EndCallerLegAsync(SipDialog? callerDialog, int finalStatus)
    {
        var request = _callerInvite.Request;
        if (callerDialog is null)
        {
            await _callerInvite.SendResponseAsync(SipResponseBuilder.ForRequest(request, finalStatus, toTag: SipIds.NewTag()).Build(), CancellationToken.None)
                .ConfigureAwait(false);
            return;
        }

        if (callerDialog.State == SipDialogState.Early
            && await _services.Dialogs.SendResponseAsync(callerDialog, _callerInvite, callerDialog.CreateResponse(request, finalStatus), CancellationToken.None)
                .ConfigureAwait(false))
        {
            return;
        }

        await ByeQuietlyAsync(callerDialog).ConfigureAwait(false);
    }

    /// <summary>
    /// A re-INVITE from a party (RFC 3261 §14.2): answered from that leg's media; a sendonly/inactive offer
    /// holds the call (music on hold to the other party), a sendrecv one resumes it (RFC 3264 §8.4).
    /// </summary>
    internal async Task OnReInviteAsync(CallParty party, SipDialog dialog, SipServerTransaction transaction, SipRequest request)
    {
        LegMedia? media;
        lock (_gate)
        {
            media = party == CallParty.Caller ? _callerMedia : _calleeMedia;
        }

        if (await ReInviteAnswer.SendAsync(_services, media, dialog, transaction, request).ConfigureAwait(false) is { } hold)
        {
            await ApplyHoldAsync(party, hold).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The ACK for our 2xx to the caller: after a late offer it carries the caller's answer (RFC 3261 §13.2.1); without
    /// an acceptable one the call ends with BYE (§13.3.1.4).
    /// </summary>
    internal Task OnCallerAckAsync(SipRequest ack)
    {
        if (!LateOffer)
        {
            return Task.CompletedTask;
        }

        if (SipLegRequests.TryGetSdp(ack, out var answer, out _) && _callerMedia.AcceptAnswer(answer!))
        {
            return Task.CompletedTask;
        }

        return EndAsync(CallEndedBy.System, "no acceptable SDP answer in the caller's ACK", SipStatusCodes.NotAcceptableHere, null);
    }

    /// <summary>A REFER in a party's dialog: a blind transfer requested by the agent's phone.</summary>
    internal Task OnReferAsync(CallParty party, SipDialog dialog, SipServerTransaction transaction, SipRequest request) =>
        new ReferHandling(_services, this).HandleAsync(party, dialog, transaction, request);

    /// <summary>Finds the live call whose caller leg is the dialog with this Call-ID and caller's tag (set by the manager).</summary>
    internal Func<string, string, Call?>? FindByCallerDialog { get; init; }

    /// <summary>The answering agent, while the call is answered.</summary>
    internal string? AnsweringAgent
    {
        get
        {
            lock (_gate)
            {
                return _phase == CallPhase.Answered ? _agent : null;
            }
        }
    }

    /// <summary>Whether this call's caller leg is the dialog <paramref name="callId"/> in which the caller's tag is <paramref name="callerTag"/>.</summary>
    internal bool HasCallerDialog(string callId, string callerTag)
    {
        lock (_gate)
        {
            return _callerDialog is { } dialog && dialog.Id.CallId == callId && dialog.Id.RemoteTag == callerTag;
        }
    }

    /// <summary>
    /// Attended transfer (RFC 3891 Replaces, seen from the B2BUA): the answering agent consulted someone in
    /// <paramref name="consultation"/> (a call the agent placed) and now joins our caller with that call's callee.
    /// The callee's leg and media move here, the agent's legs in both calls end. False when either call is not in a
    /// state to do it (the caller keeps talking to the agent then).
    /// </summary>
    internal async Task<bool> CompleteAttendedTransferAsync(Call consultation, Func<int, string, Task> progress)
    {
        SipDialog? oldDialog;
        LegMedia? oldMedia;
        string? oldAgent;
        MediaBridge? bridge;
        lock (_gate)
        {
            if (_phase != CallPhase.Answered || _bridge is null || _transferring || _calleeDialog is null || ReferenceEquals(consultation, this))
            {
                return false;
            }

            _transferring = true;
            (oldDialog, oldMedia, oldAgent, bridge) = (_calleeDialog, _calleeMedia, _agent, _bridge);
        }

        try
        {
            _services.Logger.TransferStarted(Id, oldAgent ?? "?", consultation.DialedNumber, TransferKind.Attended);
            var leg = await consultation.HandOverCalleeAsync(this).ConfigureAwait(false);
            if (leg is null)
            {
                return false;
            }

            var adopted = false;
            lock (_gate)
            {
                if (_phase == CallPhase.Answered)
                {
                    (_calleeDialog, _calleeMedia, _agent, _agentReserved) = (leg.Dialog, leg.Media, leg.Target, leg.IsAgent);
                    bridge.Replace(MediaLegSide.B, leg.Media.Endpoint);
                    bridge.Resume(MediaLegSide.B);
                    adopted = true;
                }
            }

            if (!adopted)
            {
                await DiscardAsync(leg).ConfigureAwait(false);
                return false;
            }

            if (oldAgent is not null)
            {
                _services.Agents.Release(oldAgent, talked: true);
            }

            await progress(SipStatusCodes.OK, "OK").ConfigureAwait(false);
            await ByeQuietlyAsync(oldDialog).ConfigureAwait(false);
            if (oldMedia is not null)
            {
                await oldMedia.DisposeAsync().ConfigureAwait(false);
            }

            Publish(sequence => new CallTransferred(Guid.NewGuid(), Id, sequence, Now, TransferKind.Attended, oldAgent ?? string.Empty, leg.Target,
                "attended transfer from call " + consultation.Id));
            _services.Logger.Transferred(Id, oldAgent ?? "?", leg.Target);
            return true;
        }
        finally
        {
            lock (_gate)
            {
                _transferring = false;
            }
        }
    }

    /// <summary>
    /// Gives this call's answered callee (its dialog, media and agent slot) to <paramref name="adopter"/> and ends this
    /// call without a BYE to that callee; the caller leg (the transferring agent) gets the BYE. Null when not answered.
    /// </summary>
    private async Task<AnsweredLeg?> HandOverCalleeAsync(Call adopter)
    {
        AnsweredLeg leg;
        lock (_gate)
        {
            if (_phase != CallPhase.Answered || _transferring || _calleeDialog is null || _calleeMedia is null || _agent is null)
            {
                return null;
            }

            leg = new AnsweredLeg(_agent, _calleeDialog, _calleeMedia, _agentReserved);
            (_calleeDialog, _calleeMedia, _agentReserved) = (null, null, false);
            (leg.Dialog.Handler as CallLeg)?.MoveTo(adopter);
        }

        // This call's bridge lets go of the callee's endpoint here, before the adopter's bridge takes it.
        await EndAsync(CallEndedBy.Agent, "attended transfer: the other party joined call " + adopter.Id, SipStatusCodes.TemporarilyUnavailable, CallParty.Callee)
            .ConfigureAwait(false);
        return leg;
    }

    private async Task ApplyHoldAsync(CallParty party, bool hold)
    {
        MediaBridge? bridge;
        LegMedia? other;
        string who;
        lock (_gate)
        {
            bridge = _bridge;
            other = party == CallParty.Caller ? _calleeMedia : _callerMedia;
            who = party == CallParty.Caller ? CallerNumber : _agent ?? DialedNumber;
        }

        var side = party == CallParty.Caller ? MediaLegSide.A : MediaLegSide.B;
        if (bridge is null || other is null || bridge.IsOnHold(side) == hold)
        {
            return;
        }

        if (hold)
        {
            var music = await _services.Announcements.GetAsync("music-on-hold", other.Law, CancellationToken.None).ConfigureAwait(false);
            bridge.Hold(side, music);
            Publish(sequence => new CallHeld(Guid.NewGuid(), Id, sequence, Now, who));
        }
        else
        {
            bridge.Resume(side);
            Publish(sequence => new CallResumed(Guid.NewGuid(), Id, sequence, Now, who));
        }

        _services.Logger.HoldChanged(Id, who, hold ? "held the call" : "resumed the call");
    }

    /// <summary>Starts <see cref="TransferAsync"/> in the background; a failure is logged against the call.</summary>
    internal void StartTransfer(string target, TransferKind kind, string? reason, Func<int, string, Task>? progress) =>
        Observe(TransferAsync(target, kind, reason, progress));

    /// <summary>
    /// Moves the call from the agent on the callee leg to <paramref name="target"/> (blind transfer, RFC 5589 §6):
    /// the caller hears ringback while the target rings; when it answers, the bridge switches to it and the old
    /// agent's leg ends. When the target does not answer, the caller goes back to the old agent if still there.
    /// <paramref name="progress"/> hears the outcome as a SIP status (for the REFER's NOTIFY).
    /// </summary>
    private async Task<bool> TransferAsync(string target, TransferKind kind, string? reason, Func<int, string, Task>? progress)
    {
        SipDialog? oldDialog;
        LegMedia? oldMedia;
        string? oldAgent;
        MediaBridge? bridge;
        lock (_gate)
        {
            if (_phase != CallPhase.Answered || _bridge is null || _transferring || _calleeDialog is null)
            {
                return false;
            }

            _transferring = true;
            _transferorLeft = false;
            (oldDialog, oldMedia, oldAgent, bridge) = (_calleeDialog, _calleeMedia, _agent, _bridge);
        }

        try
        {
            _services.Logger.TransferStarted(Id, oldAgent ?? "?", target, kind);
            bridge.Hold(MediaLegSide.B, Tones.GetRingback(_callerMedia.Law));
            var failure = "not answered";
            var answered = await NewOffer().OfferAsync(target, _callerMedia.Law, CallerNumber, Offered, (t, why) =>
            {
                failure = why;
                OfferFailed(t, why);
            }, _ending.Token).ConfigureAwait(false);
            bool transferorLeft;
            var adopted = false;
            lock (_gate)
            {
                transferorLeft = _transferorLeft;
                if (answered is not null && _phase == CallPhase.Answered)
                {
                    (_calleeDialog, _calleeMedia, _agent) = (answered.Dialog, answered.Media, answered.Target);
                    bridge.Replace(MediaLegSide.B, answered.Media.Endpoint);
                    bridge.Resume(MediaLegSide.B);
                    adopted = true;
                }
            }

            if (!adopted)
            {
                if (answered is not null)
                {
                    // The call ended while the target answered.
                    await DiscardAsync(answered).ConfigureAwait(false);
                    return false;
                }

                _services.Logger.TransferFailed(Id, target, failure);
                if (progress is not null)
                {
                    await progress(SipStatusCodes.TemporarilyUnavailable, "Transfer Failed: " + failure).ConfigureAwait(false);
                }

                if (transferorLeft || oldDialog.State != SipDialogState.Confirmed)
                {
                    await EndAsync(CallEndedBy.System, $"transfer to {target} failed ({failure}) after the agent left", SipStatusCodes.TemporarilyUnavailable,
                        CallParty.Callee).ConfigureAwait(false);
                }
                else
                {
                    bridge.Resume(MediaLegSide.B);
                }

                return false;
            }

            if (oldAgent is not null)
            {
                _services.Agents.Release(oldAgent, talked: true);
            }

            if (progress is not null)
            {
                await progress(SipStatusCodes.OK, "OK").ConfigureAwait(false);
            }

            await ByeQuietlyAsync(oldDialog).ConfigureAwait(false);
            if (oldMedia is not null)
            {
                await oldMedia.DisposeAsync().ConfigureAwait(false);
            }

            Publish(sequence => new CallTransferred(Guid.NewGuid(), Id, sequence, Now, kind, oldAgent ?? string.Empty, target, reason));
            _services.Logger.Transferred(Id, oldAgent ?? "?", target);
            return true;
        }
        finally
        {
            lock (_gate)
            {
                _transferring = false;
            }
        }
    }

    /// <summary>Offers the call to <paramref name="target"/>; true when it was answered (or the call ended meanwhile).</summary>
    private async Task<bool> OfferAsync(string target, CancellationToken cancellationToken)
    {
        var answered = await NewOffer().OfferAsync(target, _callerMedia.Law, CallerNumber, Offered, OfferFailed, cancellationToken).ConfigureAwait(false);
        if (answered is null)
        {
            return cancellationToken.IsCancellationRequested;
        }

        await ConnectAsync(answered).ConfigureAwait(false);
        return true;
    }

    private async Task DialOutAsync(string number, CancellationToken cancellationToken)
    {
        var failure = "no answer";
        var answered = await NewOffer().DialOutAsync(number, _callerMedia.Law, Offered, (t, why) =>
        {
            failure = why;
            OfferFailed(t, why);
        }, cancellationToken).ConfigureAwait(false);
        if (answered is not null)
        {
            await ConnectAsync(answered).ConfigureAwait(false);
            return;
        }

        var status = failure == "busy" ? SipStatusCodes.BusyHere : SipStatusCodes.TemporarilyUnavailable;
        await EndAsync(CallEndedBy.System, $"{number}: {failure}", status, null).ConfigureAwait(false);
    }

    private CallOffer NewOffer() => new(_services, Id, new CallLeg(this, CallParty.Callee));

    private void Offered(string target)
    {
        lock (_gate)
        {
            _agent ??= target;
        }

        Publish(sequence => new CallOffered(Guid.NewGuid(), Id, sequence, Now, target));
        _services.Metrics.Offered();
    }

    private void StartRecording()
    {
        var options = _services.Options;
        // The most specific switch wins: the queue's, then the service number's, then the global one.
        var enabled = _record
            ?? (options.ServiceNumbers.TryGetValue(DialedNumber, out var number) && number.Record is { } record ? record : options.Recording.Enabled);
        if (!enabled)
        {
            return;
        }

        lock (_gate)
        {
            if (_bridge is null || _recording is not null)
            {
                return;
            }

            try
            {
                _recording = CallRecording.Start(options.Recording, Id, StartedAt, _bridge);
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

    private void OfferFailed(string target, string reason)
    {
        Publish(sequence => new CallOfferFailed(Guid.NewGuid(), Id, sequence, Now, target, reason));
        _services.Metrics.OfferFailed(reason);
        lock (_gate)
        {
            if (_phase == CallPhase.Ringing && _agent == target)
            {
                _agent = null;
            }
        }

        _services.Logger.OfferFailed(Id, target, reason);
    }

    /// <summary>The target answered: stop ringback, bridge the media, answer the caller with the SDP it already has.</summary>
    private async Task ConnectAsync(AnsweredLeg answered)
    {
        AnnouncementPlayer? ringback = null;
        SipDialog? callerDialog = null;
        lock (_gate)
        {
            if (_phase == CallPhase.Ringing && _callerDialog is not null)
            {
                _phase = CallPhase.Answered;
                (_calleeDialog, _calleeMedia, _agent, _agentReserved) = (answered.Dialog, answered.Media, answered.Target, answered.IsAgent);
                _answeredAt = Now;
                ringback = _ringback;
                _ringback = null;
                ringback?.Stop();
                _bridge = _services.Relay.CreateBridge(_callerMedia.Endpoint, answered.Media.Endpoint);
                _bridge.SilenceTimedOut += OnSilence;
                callerDialog = _callerDialog;
            }
        }

        if (callerDialog is null)
        {
            // The caller left while the agent answered: end the agent's new leg too.
            await DiscardAsync(answered).ConfigureAwait(false);
            return;
        }

        if (ringback is not null)
        {
            await ringback.DisposeAsync().ConfigureAwait(false);
        }

        var request = _callerInvite.Request;
        var ok = callerDialog.CreateResponse(request, SipStatusCodes.OK, b => b.SetBody(SdpWriter.ToBytes(_callerMedia.Local!), SipLegRequests.SdpContentType));
        if (!await _services.Dialogs.SendResponseAsync(callerDialog, _callerInvite, ok, CancellationToken.None).ConfigureAwait(false))
        {
            await EndAsync(CallEndedBy.System, "caller leg gone before the answer", SipStatusCodes.RequestTerminated, null).ConfigureAwait(false);
            return;
        }

        Publish(sequence => new CallAnswered(Guid.NewGuid(), Id, sequence, Now, answered.Target, CallerNumber));
        _services.Router.Complete(Id, answered.Target);
        _services.Metrics.Answered(Now - StartedAt);
        _services.Logger.Answered(Id, answered.Target);
        StartRecording();
    }

    /// <summary>An answered leg the call cannot use any more: BYE, free its slot and ports.</summary>
    private async Task DiscardAsync(AnsweredLeg answered)
    {
        await ByeQuietlyAsync(answered.Dialog).ConfigureAwait(false);
        if (answered.IsAgent)
        {
            _services.Agents.Release(answered.Target, talked: false);
        }

        await answered.Media.DisposeAsync().ConfigureAwait(false);
    }
}
