using ContactCenter.Sdp;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// The caller's leg of an arriving call, served by the session layer as the INVITE's UAS (RFC 3261 §13.3): ringing
/// (180, or 183 with early media), the 200 with our media and the agreed session timer (RFC 4028 §9), the final failure
/// for a refused or ended call (or BYE once answered), the caller's CANCEL told to the engine as the leg's end, and
/// the ACK's late answer. The engine decides what to say; this says it in SIP.
/// </summary>
/// <remarks>
/// The leg's dialog is served here too: a REFER by <see cref="LegDialogHandler"/> (a transfer request to the engine,
/// progress reported through <see cref="ReportTransferAsync"/>), re-INVITEs, UPDATEs, BYE, the late offer's ACK and the
/// RFC 4028 session timer by <see cref="EstablishedLeg"/> (leg events to the engine; <see cref="OfferMediaAsync"/>,
/// <see cref="ReferAsync"/> and <see cref="RefreshAsync"/> once answered).
/// </remarks>
public sealed class ServerLegSession : ILegSession
{
    /// <summary>RFC 3261 §20.43: why a 488 refused the offer.</summary>
    public const string MediaWarning = "304 contactcenter \"Media type not available: PCMU or PCMA required\"";

    private readonly DialogManager _dialogs;
    private readonly EstablishedLeg _established;
    private readonly Func<SipNameAddress>? _contact;
    private readonly Action<Exception> _byeFailed;
    private readonly Action<ServerLegSession> _settled;
    private readonly LegDirectory _directory;
    private readonly ReliableProvisionals? _reliable;
    private readonly EarlyLegEvents _early = new(); // what the dialog tells before Attach, kept for the engine
    private readonly Lock _gate = new();
    private readonly Lock _establishing = new(); // held while the dialog is made (Establish), never with _gate taken first
    private SipDialog? _dialog;
    private LegDialogHandler? _handler;
    private ILegEvents? _events;
    private IBranchMedia? _media;
    private BranchMediaEvents? _adapted;
    private bool _cancelled;
    private bool _answering; // the 200 is on its way: a CANCEL from now on crossed it and changes nothing (RFC 3261 §9.2)
    private bool _ended;

    /// <summary>Creates the leg of <paramref name="invite"/>, admitted with <paramref name="session"/>'s timer terms.</summary>
    /// <param name="dialogs">Sends the responses within the dialog.</param>
    /// <param name="invite">The INVITE's server transaction.</param>
    /// <param name="session">The session timer agreed with the INVITE, announced in our 200; null for none.</param>
    /// <param name="byeFailed">Told of a BYE that could not be sent (the leg ends anyway).</param>
    /// <param name="directory">Where the leg is listed while its dialog lives, for a REFER's Replaces to name it.</param>
    /// <param name="settled">Told once the INVITE has its final response (the leg can no longer be cancelled).</param>
    /// <param name="reliable">Sends the provisional responses reliably (RFC 3262) when the caller requires it, else null.</param>
    /// <param name="timers">The clock and the session timer policy of the answered leg (default: the system clock, 1800 s, Min-SE 90 s).</param>
    /// <param name="contact">Our Contact for the leg's dialog, made when the engine first rings or answers; null to <see cref="Establish"/> it explicitly.</param>
    public ServerLegSession(DialogManager dialogs, SipServerTransaction invite, SessionTimerNegotiation? session, Action<Exception> byeFailed,
        LegDirectory directory, Action<ServerLegSession>? settled = null, ReliableProvisionals? reliable = null,
        (TimeProvider Time, Func<SessionTimerPolicy> Policy)? timers = null, Func<SipNameAddress>? contact = null)
    {
        ArgumentNullException.ThrowIfNull(invite);
        (_dialogs, Invite, Session, _byeFailed, _directory, _settled, _reliable, _contact) =
            (dialogs, invite, session, byeFailed, directory, settled ?? (_ => { }), reliable, contact);
        var (time, policy) = timers ?? (TimeProvider.System, () => new SessionTimerPolicy(1800, 90));
        _established = new EstablishedLeg(dialogs, this, Events, time, policy, (ex, _) => byeFailed(ex));
    }

    /// <inheritdoc />
    public string Id => Invite.Request.CallId;

    /// <inheritdoc />
    public bool IsAnswered => Dialog?.State == SipDialogState.Confirmed;

    /// <summary>The caller's INVITE transaction.</summary>
    public SipServerTransaction Invite { get; }

    /// <summary>The session timer agreed with the caller's INVITE (RFC 4028 §9), announced in our 200; null for none.</summary>
    public SessionTimerNegotiation? Session { get; }

    /// <summary>Whether the caller accepts UPDATE for session refreshes (its Allow).</summary>
    public bool PeerAllowsUpdate => SessionRefresh.AllowsUpdate(Invite.Request);

    /// <summary>The caller's dialog once <see cref="Establish"/> made it.</summary>
    public SipDialog? Dialog
    {
        get
        {
            lock (_gate)
            {
                return _dialog;
            }
        }
    }

    /// <summary>
    /// Makes the UAS dialog with our <paramref name="contact"/> (once; later calls return it) and lists the leg for
    /// Replaces; the session layer serves every request in it.
    /// </summary>
    public SipDialog Establish(SipNameAddress contact)
    {
        // One maker at a time ("once", as documented): ringing, answering and explicit calls may come from different
        // flows. Two makers side by side made two dialogs with two To tags - a 180 in one, the 200 in the other, and the
        // first left in the dialog table for good. (The engine rings before it routes, so its own flows are in order.)
        lock (_establishing)
        {
            lock (_gate)
            {
                if (_dialog is not null)
                {
                    return _dialog;
                }
            }

            var callerTag = Invite.Request.From.Tag ?? string.Empty;
            var served = new LegDialogHandler(_dialogs, this, Events, _established, _directory,
                () => _directory.Remove(Id, callerTag, this), _reliable is null ? null : _reliable.OnPrack);
            var dialog = _dialogs.CreateUasDialog(Invite, contact, served);
            lock (_gate)
            {
                (_dialog, _handler) = (dialog, served);
            }

            _directory.Add(Id, callerTag, this);
            return dialog;
        }
    }

    /// <summary>
    /// The caller's media goes through <paramref name="media"/> (a browser's WebRTC offer; the engine was given the
    /// adapter's offer): the engine's answers and offers are translated for the caller. Given before <see cref="Attach"/>.
    /// </summary>
    public void UseMedia(IBranchMedia media)
    {
        _media = media ?? throw new ArgumentNullException(nameof(media));
        // The adapter's events exist from now on (the engine may answer or refuse the leg before it attaches): they go
        // to the engine through the early events, which keep them until it does.
        _adapted = new BranchMediaEvents(_early, media);
    }

    /// <summary>
    /// The engine's sink for this leg's events; what came first (a CANCEL, the caller's BYE, a late offer's ACK) is
    /// reported at once, in order.
    /// </summary>
    public void Attach(ILegEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);

        // What the dialog told first (a CANCEL, or the caller's BYE or ACK served before the engine returned its sink)
        // goes to the engine in order, then everything passes straight through (an adapted caller's through the adapter).
        _early.Attach(events);
        ILegEvents sink = _adapted is { } adapted ? adapted : events;
        Volatile.Write(ref _events, sink);
    }

    private ILegEvents Events() => Volatile.Read(ref _events) ?? (ILegEvents?)_adapted ?? _early;

    /// <summary>The caller sent CANCEL (RFC 3261 §9.2): the engine learns the leg ended and answers it with 487 through <see cref="RejectAsync"/>.</summary>
    public void OnCancel()
    {
        lock (_gate)
        {
            if (_cancelled || _ended || _answering)
            {
                return;
            }

            _cancelled = true;
        }

        Events().OnEnded(this, new LegEnded(LegEndCause.Cancelled, ByPeer: true, "caller cancelled"));
    }

    /// <inheritdoc />
    /// <remarks>
    /// 180 Ringing, or with <paramref name="earlyMedia"/> a 183 carrying it (RFC 3960 §3: the 200 repeats it); reliably
    /// (RFC 3262) when the caller requires it.
    /// </remarks>
    public async ValueTask<bool> RingAsync(SdpSession? earlyMedia, CancellationToken cancellationToken)
    {
        if (OpenDialog() is not { } dialog)
        {
            return false;
        }

        if (_media is not null && earlyMedia is not null)
        {
            // The engine's early media answers the adapter's offer: the caller gets the adapter's answer to its own (the
            // same the 200 will carry), so it hears the engine's ringback; an unusable one leaves a plain 180.
            earlyMedia = _media.AcceptAnswer(earlyMedia);
        }

        if (_reliable is not null)
        {
            return await _reliable.SendAsync(dialog, earlyMedia is null ? SipStatusCodes.Ringing : SipStatusCodes.SessionProgress, earlyMedia)
                .ConfigureAwait(false);
        }

        var response = earlyMedia is null
            ? dialog.CreateResponse(Invite.Request, SipStatusCodes.Ringing)
            : dialog.CreateResponse(Invite.Request, SipStatusCodes.SessionProgress, b => b.SetBody(SdpWriter.ToBytes(earlyMedia), SessionRequests.SdpContentType));
        return await _dialogs.SendResponseAsync(dialog, Invite, response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>200 with <paramref name="media"/> and the session timer agreed at admission (RFC 4028 §9).</remarks>
    public async ValueTask<bool> AnswerAsync(SdpSession media, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        lock (_gate)
        {
            if (_cancelled || _ended)
            {
                // Before an adapted caller's answer is translated: its adapter may be closed already.
                return false;
            }
        }

        if (_media is not null)
        {
            // The engine answered the adapter's offer: the caller gets the adapter's answer to its own.
            if (_media.AcceptAnswer(media) is not { } translated)
            {
                await RejectAsync(LegEndCause.MediaRejected, cancellationToken).ConfigureAwait(false);
                return false;
            }

            media = translated;
            _ = EndOnMediaFailureAsync(_adapted!); // set with _media
        }

        if (OpenDialog() is not { } dialog)
        {
            return false;
        }

        if (_reliable is not null)
        {
            // RFC 3262 §3: no 2xx before the PRACK of a reliable provisional response that carried a session description.
            await _reliable.WaitAcknowledgedAsync(withMediaOnly: true).ConfigureAwait(false);
            _reliable.Stop();
        }

        lock (_gate)
        {
            // Either the CANCEL or the 200 wins: a cancelled leg is not answered (the engine, told it ended, sends the 487),
            // so the caller never gets a call it cancelled and the engine never hears two ends.
            if (_cancelled || _ended)
            {
                return false;
            }

            _answering = true;
        }

        // Served before the 200 leaves, so that neither the ACK (a late offer's answer) nor a refresh can come first.
        _established.Start(dialog, media, Session?.Terms, PeerAllowsUpdate, answerInAck: Invite.Request.Body.IsEmpty);
        var ok = dialog.CreateResponse(Invite.Request, SipStatusCodes.OK, b =>
        {
            Session?.Decorate(b);
            b.SetBody(SdpWriter.ToBytes(media), SessionRequests.SdpContentType);
        });
        var sent = await _dialogs.SendResponseAsync(dialog, Invite, ok, cancellationToken).ConfigureAwait(false);
        _settled(this);
        return sent;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The final response for <paramref name="cause"/> while the INVITE is unanswered (with a new to-tag when no dialog
    /// was made; a 488 says why in a Warning), BYE once it is answered. Only the first end is sent.
    /// </remarks>
    public async ValueTask RejectAsync(LegEndCause cause, CancellationToken cancellationToken)
    {
        try
        {
            await EndAsync(cause, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_adapted is not null)
            {
                await _adapted.CloseAsync().ConfigureAwait(false);
            }
        }
    }

    private async ValueTask EndAsync(LegEndCause cause, CancellationToken cancellationToken)
    {
        SipDialog? dialog;
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            dialog = _dialog;
        }

        _settled(this);
        _reliable?.Stop();
        _directory.Remove(Id, Invite.Request.From.Tag ?? string.Empty, this);
        if (dialog?.State == SipDialogState.Confirmed)
        {
            await _established.HangUpAsync().ConfigureAwait(false);
            return;
        }

        _established.Stop();
        var status = LegEndCauses.ToStatusCode(cause);
        if (dialog is null)
        {
            var refusal = SipResponseBuilder.ForRequest(Invite.Request, status, toTag: SipIds.NewTag());
            if (cause == LegEndCause.MediaRejected)
            {
                refusal.AddHeader(SipHeaderKind.Warning, MediaWarning);
            }

            await Invite.SendResponseAsync(refusal.Build(), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (dialog.State == SipDialogState.Early
            && await _dialogs.SendResponseAsync(dialog, Invite, dialog.CreateResponse(Invite.Request, status), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await SessionRequests.ByeQuietlyAsync(_dialogs, dialog, _byeFailed).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>480 while unanswered, BYE once answered.</remarks>
    public ValueTask HangUpAsync(CancellationToken cancellationToken) => RejectAsync(LegEndCause.HungUp, cancellationToken);

    /// <inheritdoc />
    /// <remarks>A re-INVITE with <paramref name="media"/> and our session timer (an answered one refreshes the session).</remarks>
    /// <remarks>An adapted caller's media (a browser) has the offer answered by the adapter; the caller's media goes on.</remarks>
    public ValueTask<SdpSession?> OfferMediaAsync(SdpSession media, CancellationToken cancellationToken) =>
        _adapted is not null && IsAnswered ? ValueTask.FromResult(_adapted.Media.AnswerEngineOffer(media)) : _established.OfferMediaAsync(media);

    /// <inheritdoc />
    /// <remarks>A REFER whose Refer-To names <paramref name="target"/> at our address, with Replaces for a leg of this session layer.</remarks>
    public ValueTask<bool> ReferAsync(LegTarget target, ILegSession? replaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _established.ReferAsync(target.Number, LegSessions.DialogOf(replaces)?.Id);
    }

    /// <inheritdoc />
    public ValueTask ReportTransferAsync(TransferProgress progress, CancellationToken cancellationToken)
    {
        LegDialogHandler? handler;
        lock (_gate)
        {
            handler = _handler;
        }

        return handler?.ReportAsync(progress) ?? ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>UPDATE when the caller allows it, else a re-INVITE with our media; a 422 is retried with the caller's Min-SE.</remarks>
    public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken) => _established.RefreshAsync();

    /// <summary>The adapted media failed for good (the browser never completed DTLS): the engine hears the leg was lost, and it is hung up.</summary>
    private async Task EndOnMediaFailureAsync(BranchMediaEvents adapted)
    {
        await adapted.Media.Failed.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }
        }

        adapted.OnEnded(this, new LegEnded(LegEndCause.Lost, ByPeer: false, "media failed"));
        await RejectAsync(LegEndCause.HungUp, CancellationToken.None).ConfigureAwait(false);
    }

    private SipDialog? OpenDialog()
    {
        lock (_gate)
        {
            if (_ended || _cancelled)
            {
                return null;
            }

            if (_dialog is not null || _contact is null)
            {
                return _dialog;
            }
        }

        return Establish(_contact());
    }
}
