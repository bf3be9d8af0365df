using ContactCenter.Sdp;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// The in-dialog half of a leg, for either side of its INVITE: the peer's re-INVITEs and UPDATEs (session refresh,
/// hold, resume, a new address: <see cref="ReOffers"/>, the offer answered by the engine through
/// <see cref="ILegEvents.OnMediaOfferAsync"/>), its BYE and the dialog's other ends told as <see cref="ILegEvents.OnEnded"/>,
/// a late offer's answer in the ACK told as <see cref="ILegEvents.OnAnswered"/>, the leg's RFC 4028 session timer (our
/// refreshes, 422 retries, expiry ending the leg with BYE), and the engine's commands once answered: a media re-offer,
/// a refresh, a REFER, the BYE.
/// </summary>
internal sealed class EstablishedLeg : IDialogRequestHandler
{
    private readonly DialogManager _dialogs;
    private readonly ILegSession _leg;
    private readonly Func<ILegEvents?> _events;
    private readonly TimeProvider _time;
    private readonly Func<SessionTimerPolicy> _policy;
    private readonly Action<Exception, string> _sendFailed;
    private readonly Lock _gate = new();
    private SipDialog? _dialog;
    private LegSessionTimer? _timer;
    private SdpSession? _local;
    private bool _answerInAck;
    private bool _peerHolds;
    private bool _over;

    public EstablishedLeg(DialogManager dialogs, ILegSession leg, Func<ILegEvents?> events, TimeProvider time, Func<SessionTimerPolicy> policy,
        Action<Exception, string> sendFailed)
    {
        (_dialogs, _leg, _events, _time, _policy, _sendFailed) = (dialogs, leg, events, time, policy, sendFailed);
    }

    /// <summary>The carrier's challenges answered in this dialog (a trunk leg we placed with credentials), or null.</summary>
    public TrunkChallenges? Challenges { get; init; }

    /// <summary>Our current description (the answer or offer we sent last), or null before the answer.</summary>
    public SdpSession? Local
    {
        get
        {
            lock (_gate)
            {
                return _local;
            }
        }
    }

    /// <summary>The session timer's terms in force, or null without one.</summary>
    public SessionTerms? Terms => CurrentTimer()?.Terms;

    /// <summary>
    /// The leg is answered in <paramref name="dialog"/> with our <paramref name="local"/> media: its session timer starts
    /// with <paramref name="terms"/>; with <paramref name="answerInAck"/> the peer's answer is awaited in the ACK.
    /// </summary>
    public void Start(SipDialog dialog, SdpSession local, SessionTerms? terms, bool peerAllowsUpdate, bool answerInAck)
    {
        var timer = SessionRefresh.CreateTimer(_dialogs, _time, dialog, () => Local, peerAllowsUpdate, _policy(),
            ex => _sendFailed(ex, "session refresh"), Expire, Credentials());
        lock (_gate)
        {
            if (_over)
            {
                timer.Dispose();
                return;
            }

            (_dialog, _local, _answerInAck, _timer) = (dialog, local, answerInAck, timer);
        }

        timer.Restart(terms);
    }

    /// <inheritdoc />
    public async ValueTask<bool> OnRequestAsync(SipDialog dialog, SipServerTransaction transaction, SipInboundMessage request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sip = (SipRequest)request.Message;
        if (sip.Method != SipMethod.Invite && sip.Method != SipMethod.Update)
        {
            // BYE: the dialog layer answers 200 and ends the dialog (OnTerminated tells the engine). Others: 405.
            return false;
        }

        await ReOffers.AnswerAsync(_dialogs, dialog, transaction, sip, _policy(), CurrentTimer(), Local, AnswerOfferAsync).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public ValueTask OnAckAsync(SipDialog dialog, SipInboundMessage ack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ack);
        lock (_gate)
        {
            if (!_answerInAck)
            {
                return ValueTask.CompletedTask;
            }

            _answerInAck = false;
        }

        // RFC 3261 §13.2.1: after a late offer the ACK carries the answer; without a usable one the leg ends (§13.3.1.4).
        if (SessionRequests.TryGetSdp(ack.Message, out var answer, out _))
        {
            _events()?.OnAnswered(_leg, answer!);
            return ValueTask.CompletedTask;
        }

        return new ValueTask(EndWithByeAsync(new LegEnded(LegEndCause.MediaRejected, ByPeer: true, "no acceptable SDP answer in the caller's ACK")));
    }

    /// <inheritdoc />
    public void OnTerminated(SipDialog dialog, DialogTerminationReason reason)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(dialog, _dialog))
            {
                return; // not the answered dialog (another fork's, ended by us, or the leg was never answered)
            }
        }

        var ended = reason switch
        {
            DialogTerminationReason.RemoteBye => new LegEnded(LegEndCause.HungUp, ByPeer: true, "hung up"),
            DialogTerminationReason.AckTimeout => new LegEnded(LegEndCause.Lost, ByPeer: true, "no ACK for the answer"),
            DialogTerminationReason.RequestFailed => new LegEnded(LegEndCause.Lost, ByPeer: true, "leg lost (481/408 in dialog)"),
            DialogTerminationReason.Abandoned => new LegEnded(LegEndCause.Lost, ByPeer: false, "leg abandoned"),
            _ => null, // we ended it (BYE, or a final refusal): the engine knows
        };
        if (TryFinish() && ended is not null)
        {
            _events()?.OnEnded(_leg, ended);
        }
    }

    /// <summary>Offers <paramref name="media"/> in a re-INVITE (with our session timer): the peer's answer, or null when refused or not answered.</summary>
    public async ValueTask<SdpSession?> OfferMediaAsync(SdpSession media)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (OpenDialog() is not { } dialog)
        {
            return null;
        }

        try
        {
            var terms = Terms;
            var response = await SendAsync(dialog, SipMethod.Invite, b =>
            {
                SessionTimerNegotiation.Offer(b, _policy(), terms?.Interval);
                b.SetBody(SdpWriter.ToBytes(media), SessionRequests.SdpContentType);
            }).ConfigureAwait(false);
            if (!response.IsSuccess || !SessionRequests.TryGetSdp(response, out var answer, out _))
            {
                return null;
            }

            lock (_gate)
            {
                _local = media;
            }

            // An answered re-INVITE refreshes the session too (RFC 4028 §7.4).
            CurrentTimer()?.Restart(SessionTimerNegotiation.FromResponse(response));
            return answer;
        }
        catch (InvalidOperationException)
        {
            return null; // a re-INVITE of ours is pending, or the dialog ended
        }
#pragma warning disable CA1031 // A re-offer that cannot be sent is a refused one; the leg goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _sendFailed(ex, "re-INVITE");
            return null;
        }
    }

    /// <summary>Refreshes the session now (UPDATE, or a re-INVITE with our media), asking again with the peer's Min-SE after a 422.</summary>
    public async ValueTask<bool> RefreshAsync()
    {
        if (OpenDialog() is not { } dialog)
        {
            return false;
        }

        var policy = _policy();
        var timer = CurrentTimer();
        var terms = timer?.Terms ?? new SessionTerms(TimeSpan.FromSeconds(Math.Max(policy.SessionExpires, policy.MinSE)), WeRefresh: true);
        var allowsUpdate = timer?.PeerAllowsUpdate ?? false;
        var result = await SessionRefresh.SendAsync(_dialogs, dialog, Local, allowsUpdate, policy, terms, ex => _sendFailed(ex, "session refresh"),
            Credentials()).ConfigureAwait(false);
        if (!result.Answered && result.Status == SipStatusCodes.SessionIntervalTooSmall && result.MinSE is { } minSe
            && minSe > terms.Interval.TotalSeconds && minSe <= SessionTimerNegotiation.MaxInterval)
        {
            // RFC 4028 §7.4: once more with the interval the peer accepts.
            result = await SessionRefresh.SendAsync(_dialogs, dialog, Local, allowsUpdate, policy, terms with { Interval = TimeSpan.FromSeconds(minSe) },
                ex => _sendFailed(ex, "session refresh"), Credentials()).ConfigureAwait(false);
        }

        if (result.Answered)
        {
            timer?.Restart(result.Terms);
        }

        return result.Answered;
    }

    /// <summary>
    /// Asks the peer to call <paramref name="number"/> at our address (RFC 3515), in place of <paramref name="replaces"/>'s
    /// peer when given (RFC 3891: the Replaces names that dialog as its peer knows it); true when the peer accepted.
    /// </summary>
    public async ValueTask<bool> ReferAsync(string number, SipDialogId? replaces)
    {
        if (OpenDialog() is not { } dialog)
        {
            return false;
        }

        var contact = dialog.LocalContact.Uri;
        var target = SipUri.Create(SipUriScheme.Sip, SessionRequests.UserPart(number), contact.Host ?? "localhost", contact.Port).ToString();
        if (replaces is { } id)
        {
            // The to-tag is the tag of the dialog's peer (its local tag), the from-tag ours.
            target += "?Replaces=" + Uri.EscapeDataString($"{id.CallId};to-tag={id.RemoteTag};from-tag={id.LocalTag}");
        }

        try
        {
            var response = await SendAsync(dialog, SipMethod.Refer, b => b.AddHeader(SipHeaderKind.ReferTo, "<" + target + ">")).ConfigureAwait(false);
            return response.IsSuccess;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
#pragma warning disable CA1031 // A REFER that cannot be sent is a refused one.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _sendFailed(ex, "REFER");
            return false;
        }
    }

    /// <summary>Ends the leg from our side: the timer stops and an established dialog gets BYE (nothing is told to the engine).</summary>
    public async ValueTask HangUpAsync()
    {
        SipDialog? dialog;
        lock (_gate)
        {
            dialog = _dialog;
        }

        TryFinish();
        if (dialog is not null)
        {
            await SessionRequests.ByeQuietlyAsync(_dialogs, dialog, ex => _sendFailed(ex, "BYE"), Credentials()).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the timer without signalling (the leg ended before its answer).</summary>
    public void Stop() => TryFinish();

    private async ValueTask<SdpSession?> AnswerOfferAsync(SdpSession offer, bool holds)
    {
        if (_events() is not { } events)
        {
            return null;
        }

        bool held;
        lock (_gate)
        {
            held = _peerHolds;
        }

        var change = holds ? LegMediaChange.Held : held ? LegMediaChange.Resumed : LegMediaChange.Changed;
        var answer = await events.OnMediaOfferAsync(_leg, new LegMediaOffer(offer, change)).ConfigureAwait(false);
        if (answer is not null)
        {
            lock (_gate)
            {
                (_local, _peerHolds) = (answer, holds);
            }
        }

        return answer;
    }

    /// <summary>RFC 4028 §10: the session expired without a refresh; the leg ends with BYE.</summary>
    private void Expire(string why) => _ = EndWithByeAsync(new LegEnded(LegEndCause.SessionExpired, ByPeer: false, why));

    private async Task EndWithByeAsync(LegEnded ended)
    {
        SipDialog? dialog;
        lock (_gate)
        {
            dialog = _dialog;
        }

        if (!TryFinish())
        {
            return;
        }

        if (dialog is not null)
        {
            await SessionRequests.ByeQuietlyAsync(_dialogs, dialog, ex => _sendFailed(ex, "BYE"), Credentials()).ConfigureAwait(false);
        }

        _events()?.OnEnded(_leg, ended);
    }

    /// <summary>Marks the leg over and stops its timer; false when it already was.</summary>
    private bool TryFinish()
    {
        LegSessionTimer? timer;
        lock (_gate)
        {
            if (_over)
            {
                return false;
            }

            (_over, timer, _answerInAck) = (true, _timer, false);
        }

        timer?.Dispose();
        return true;
    }

    /// <summary>A request in the dialog, a carrier's challenge to it answered (<see cref="TrunkChallenges"/>); its final response.</summary>
    private async Task<SipResponse> SendAsync(SipDialog dialog, SipMethod method, Action<SipRequestBuilder> customize)
    {
        if (Challenges is { } challenges)
        {
            return await challenges.SendInDialogAsync(_dialogs, dialog, method, customize).ConfigureAwait(false);
        }

        var transaction = await _dialogs.SendRequestAsync(dialog, method, customize, CancellationToken.None).ConfigureAwait(false);
        return (await transaction.Outcome.ConfigureAwait(false)).Response;
    }

    /// <summary>
    /// The credentials of the carrier's last challenge, up front: on our BYE (it ends the dialog as it leaves: no second try)
    /// and session refreshes.
    /// </summary>
    private Action<SipRequestBuilder>? Credentials() =>
        Challenges is { } challenges ? b => challenges.Authorize(b, b.Method, b.RequestUri) : null;

    private LegSessionTimer? CurrentTimer()
    {
        lock (_gate)
        {
            return _timer;
        }
    }

    private SipDialog? OpenDialog()
    {
        lock (_gate)
        {
            return _over || _dialog is not { State: SipDialogState.Confirmed } dialog ? null : dialog;
        }
    }
}
