using System.Threading.Channels;
using ContactCenter.Sdp;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// A leg we place, served by the session layer as the INVITE's UAC: an INVITE to each of the target's contacts at once
/// (parallel forking), the first 2xx wins and is acknowledged (every retransmission of it again), the other branches
/// are cancelled (RFC 3261 §9.1), and a 2xx that still arrives on a losing branch, or after we withdrew the offer (the
/// race of CANCEL with 2xx), is acknowledged and ended with BYE (§13.2.2.4). It gives up after the offer's ring time.
/// The engine hears <see cref="ILegEvents.OnRinging"/>, then <see cref="ILegEvents.OnAnswered"/> or
/// <see cref="ILegEvents.OnEnded"/> with the cause the final response meant (<see cref="LegEndCauses.FromStatusCode"/>).
/// </summary>
/// <remarks>
/// The answered leg's dialog is served here too: a REFER by <see cref="LegDialogHandler"/> (a transfer request to the
/// engine, progress reported through <see cref="ReportTransferAsync"/>), re-INVITEs, UPDATEs, BYE and the RFC 4028
/// session timer the answer agreed by <see cref="EstablishedLeg"/> (leg events to the engine;
/// <see cref="OfferMediaAsync"/>, <see cref="ReferAsync"/> and <see cref="RefreshAsync"/> once answered).
/// <see cref="RingAsync"/>/<see cref="AnswerAsync"/> are for arriving legs only.
/// </remarks>
#pragma warning disable CA1001 // _withdraw has no timer or linked parent, so it holds nothing that needs Dispose.
public sealed class ClientLegSession : ILegSession
#pragma warning restore CA1001
{
    private const string NotServed = "A placed leg is not rung nor answered by us: RingAsync and AnswerAsync are for arriving legs.";

    private readonly DialogManager _dialogs;
    private readonly ILegEvents _events;
    private readonly LegDialogHandler _handler;
    private readonly EstablishedLeg _established;
    private readonly SdpSession _offer;
    private readonly Action<Exception, string> _sendFailed;
    private readonly CancellationTokenSource _withdraw = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<ClientInviteTransaction, IBranchMedia> _branchMedia = [];
    private ILegEvents _active;
    private SipDialog? _dialog;
    private bool _withdrawn;
    private volatile bool _heard; // any response from the target, provisional or final
    private bool _over;

    internal ClientLegSession(string id, DialogManager dialogs, ILegEvents events, SdpSession offer, LegDirectory directory, TimeProvider time,
        Func<SessionTimerPolicy> policy, Action<Exception, string> sendFailed, TrunkChallenges? challenges = null)
    {
        (Id, _dialogs, _events, _offer, _sendFailed, Challenges) = (id, dialogs, events, offer, sendFailed, challenges);
        _active = events;
        _established = new EstablishedLeg(dialogs, this, () => Volatile.Read(ref _active), time, policy, sendFailed) { Challenges = challenges };
        _handler = new LegDialogHandler(dialogs, this, () => Volatile.Read(ref _active), _established, directory);
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public bool IsAnswered => Dialog is { State: SipDialogState.Confirmed };

    /// <summary>The answered leg's dialog, or null before the answer.</summary>
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

    /// <summary>The session timer the answer agreed (RFC 4028 §7.2), or null for none.</summary>
    public SessionTerms? Session { get; private set; }

    /// <summary>Whether the answerer listed UPDATE in its Allow (session refreshes use it then).</summary>
    public bool PeerAllowsUpdate { get; private set; }

    /// <inheritdoc />
    /// <remarks>Before the answer: cancels every branch (the leg ends with <see cref="LegEndCause.Cancelled"/>); after it: BYE.</remarks>
    public async ValueTask HangUpAsync(CancellationToken cancellationToken)
    {
        SipDialog? dialog;
        lock (_gate)
        {
            if (_withdrawn)
            {
                return;
            }

            _withdrawn = true;
            dialog = _dialog;
        }

        if (dialog is null)
        {
            await _withdraw.CancelAsync().ConfigureAwait(false);
            return;
        }

        await _established.HangUpAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _active) is BranchMediaEvents adapted)
        {
            await adapted.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask RejectAsync(LegEndCause cause, CancellationToken cancellationToken) => HangUpAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> RingAsync(SdpSession? earlyMedia, CancellationToken cancellationToken) => throw new NotSupportedException(NotServed);

    /// <inheritdoc />
    public ValueTask<bool> AnswerAsync(SdpSession media, CancellationToken cancellationToken) => throw new NotSupportedException(NotServed);

    /// <inheritdoc />
    /// <remarks>A re-INVITE with <paramref name="media"/> and our session timer (an answered one refreshes the session).</remarks>
    /// <remarks>A leg whose media goes through an adapter (a browser) has the offer answered by the adapter; the contact's media goes on.</remarks>
    public ValueTask<SdpSession?> OfferMediaAsync(SdpSession media, CancellationToken cancellationToken) =>
        Volatile.Read(ref _active) is BranchMediaEvents adapted && IsAnswered
            ? ValueTask.FromResult(adapted.Media.AnswerEngineOffer(media))
            : _established.OfferMediaAsync(media);

    /// <inheritdoc />
    /// <remarks>A REFER whose Refer-To names <paramref name="target"/> at our address, with Replaces for a leg of this session layer.</remarks>
    public ValueTask<bool> ReferAsync(LegTarget target, ILegSession? replaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _established.ReferAsync(target.Number, LegSessions.DialogOf(replaces)?.Id);
    }

    /// <inheritdoc />
    public ValueTask ReportTransferAsync(TransferProgress progress, CancellationToken cancellationToken) => _handler.ReportAsync(progress);

    /// <inheritdoc />
    /// <remarks>UPDATE when the answerer allows it, else a re-INVITE with our media; a 422 is retried with the answerer's Min-SE.</remarks>
    public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken) => _established.RefreshAsync();

    /// <summary>
    /// Rings the branches already sent (<paramref name="sent"/>) for at most <paramref name="ringFor"/> on <paramref name="time"/>;
    /// on a trunk leg with credentials (<see cref="Challenges"/>) a 401/407 is answered by a new branch, sent through <paramref name="transactions"/>, in its place.
    /// </summary>
    internal async Task RunAsync(IReadOnlyList<ClientInviteTransaction> sent, TimeSpan ringFor, TimeProvider time, SipTransactionLayer? transactions = null)
    {
        if (sent.Count == 0)
        {
            End(new LegEnded(LegEndCause.Unavailable, ByPeer: false, "unreachable") { RouteFailed = true });
            return;
        }

        var branches = new List<ClientInviteTransaction>(sent);
        var responses = Channel.CreateUnbounded<(ClientInviteTransaction Transaction, SipResponse Response)>();
        var pumps = new BranchPumps(responses.Writer);
        branches.ForEach(pumps.Add);
        using var timeout = new CancellationTokenSource(ringFor, time);
        using var ringing = CancellationTokenSource.CreateLinkedTokenSource(_withdraw.Token, timeout.Token);
        (SipDialog? winner, ClientInviteTransaction? winningBranch, SdpSession? answer, LegEnded? ended) result;
        try
        {
            result = await AwaitAnswerAsync(branches, pumps, transactions, responses.Reader, ringing.Token).ConfigureAwait(false);
        }
        finally
        {
            pumps.Release();
        }

        var (winner, winningBranch, answer, ended) = result;
        var media = TakeBranchMedia(winningBranch);
        if (ended is null && ringing.IsCancellationRequested)
        {
            // A response may still wait in the channel: a branch that got one has heard from the target (Timer B ends a silent one).
            _heard |= branches.Exists(b => b.State is SipTransactionState.Proceeding or SipTransactionState.Completed or SipTransactionState.Accepted);
            // Nothing at all heard from the target before the ring timeout (not even 100 Trying): the way there failed.
            ended = _withdraw.IsCancellationRequested ? new LegEnded(LegEndCause.Cancelled, ByPeer: false, "caller left")
                : _heard ? new LegEnded(LegEndCause.NoAnswer, ByPeer: false, "no answer")
                : new LegEnded(LegEndCause.Unavailable, ByPeer: false, "no response") { RouteFailed = true };
        }

        foreach (var branch in branches.Where(b => !ReferenceEquals(b, winningBranch)))
        {
            _ = branch.CancelAsync(CancellationToken.None);
        }

        _ = DrainAsync(_dialogs, _sendFailed, responses.Reader, winningBranch, winner);
        if (winner is null)
        {
            End(ended ?? new LegEnded(LegEndCause.Unavailable, ByPeer: true, "no answer"));
            return;
        }

        var local = _offer;
        BranchMediaEvents? adapted = null;
        if (media is not null)
        {
            // The contact answered the adapter's offer: the engine hears the adapter's answer to its own.
            if (media.AcceptAnswer(answer!) is not { } translated)
            {
                await media.DisposeAsync().ConfigureAwait(false);
                await SessionRequests.ByeQuietlyAsync(_dialogs, winner, ex => _sendFailed(ex, "BYE")).ConfigureAwait(false);
                End(new LegEnded(LegEndCause.MediaRejected, ByPeer: true, "unusable media answer"));
                return;
            }

            (answer, local, adapted) = (translated, media.Offer, new BranchMediaEvents(_events, media));
            Volatile.Write(ref _active, adapted);
        }

        // Served from now on (a BYE or re-INVITE may follow the ACK at once); withdrawn meanwhile, it is hung up here.
        _established.Start(winner, local, Session, PeerAllowsUpdate, answerInAck: false);
        bool withdrawn;
        lock (_gate)
        {
            withdrawn = _withdrawn;
            _dialog = withdrawn ? null : winner;
        }

        if (withdrawn)
        {
            // The 2xx crossed our CANCEL: the answered leg is ended at once (RFC 3261 §15, §9.1).
            await _established.HangUpAsync().ConfigureAwait(false);
            if (adapted is not null)
            {
                await adapted.CloseAsync().ConfigureAwait(false);
            }

            End(new LegEnded(LegEndCause.Cancelled, ByPeer: false, "caller left"));
            return;
        }

        _events.OnAnswered(this, answer!);
        if (adapted is not null)
        {
            _ = EndOnMediaFailureAsync(adapted);
        }
    }

    /// <summary>A branch's media adapter, kept until the branch wins or loses.</summary>
    internal void AddBranchMedia(ClientInviteTransaction branch, IBranchMedia media)
    {
        lock (_gate)
        {
            _branchMedia[branch] = media;
        }
    }

    /// <summary>Takes the winning branch's adapter (null when it has none) and disposes the others'.</summary>
    private IBranchMedia? TakeBranchMedia(ClientInviteTransaction? winningBranch)
    {
        IBranchMedia? won = null;
        List<IBranchMedia> lost;
        lock (_gate)
        {
            if (winningBranch is not null)
            {
                _branchMedia.Remove(winningBranch, out won);
            }

            lost = [.. _branchMedia.Values];
            _branchMedia.Clear();
        }

        foreach (var media in lost)
        {
            _ = media.DisposeAsync().AsTask();
        }

        return won;
    }

    /// <summary>The adapted media failed for good (the browser never completed DTLS): the leg is hung up and the engine hears it was lost.</summary>
    private async Task EndOnMediaFailureAsync(BranchMediaEvents adapted)
    {
        await adapted.Media.Failed.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            if (_withdrawn)
            {
                return;
            }

            _withdrawn = true;
        }

        await _established.HangUpAsync().ConfigureAwait(false);
        adapted.OnEnded(this, new LegEnded(LegEndCause.Lost, ByPeer: false, "media failed"));
    }

    private async Task<(SipDialog? Winner, ClientInviteTransaction? Branch, SdpSession? Answer, LegEnded? Ended)> AwaitAnswerAsync(
        List<ClientInviteTransaction> branches, BranchPumps pumps, SipTransactionLayer? transactions,
        ChannelReader<(ClientInviteTransaction Transaction, SipResponse Response)> responses, CancellationToken ringing)
    {
        var pending = branches.Count;
        LegEnded? ended = null;
        var rang = false;
        try
        {
            while (pending > 0 && await responses.WaitToReadAsync(ringing).ConfigureAwait(false))
            {
                while (responses.TryRead(out var item))
                {
                    var (branch, response) = item;
                    _heard = true;
                    if (response.IsProvisional)
                    {
                        if (!rang && response.StatusCode is SipStatusCodes.Ringing or SipStatusCodes.SessionProgress)
                        {
                            rang = true;
                            _events.OnRinging(this, SessionRequests.TryGetSdp(response, out var early, out _) ? early : null);
                        }

                        continue;
                    }

                    if (!response.IsSuccess && Challenges is { } challenges && transactions is not null && TrunkChallenges.IsChallenge(response))
                    {
                        // The carrier wants our credentials: the same INVITE again with them, in place of this branch.
                        if (await challenges.AnswerInviteAsync(transactions, branch, response).ConfigureAwait(false) is { } retry)
                        {
                            branches.Add(retry);
                            pumps.Add(retry);
                            continue;
                        }

                        pending--;
                        ended = new LegEnded(LegEndCause.Forbidden, ByPeer: true, $"credentials refused ({response.StatusCode})");
                        continue;
                    }

                    pending--;
                    if (!response.IsSuccess)
                    {
                        ended = new LegEnded(LegEndCauses.FromStatusCode(response.StatusCode), ByPeer: true, LegEndCauses.Describe(response.StatusCode))
                        {
                            RouteFailed = LegEndCauses.IsRouteFailure(response.StatusCode),
                        };
                        continue;
                    }

                    if (_dialogs.OnInviteResponse(branch, response, _handler) is not { } dialog)
                    {
                        continue;
                    }

                    await _dialogs.AcknowledgeAsync(dialog, response, null, CancellationToken.None).ConfigureAwait(false);
                    if (!SessionRequests.TryGetSdp(response, out var sdp, out _))
                    {
                        ended = new LegEnded(LegEndCause.MediaRejected, ByPeer: true, "answer without SDP");
                        await SessionRequests.ByeQuietlyAsync(_dialogs, dialog, ex => _sendFailed(ex, "BYE")).ConfigureAwait(false);
                        continue;
                    }

                    Session = SessionTimerNegotiation.FromResponse(response);
                    PeerAllowsUpdate = SessionRefresh.AllowsUpdate(response);
                    return (dialog, branch, sdp, null);
                }
            }
        }
        catch (OperationCanceledException) when (ringing.IsCancellationRequested)
        {
            return (null, null, null, null);
        }

        return (null, null, null, ended);
    }

    /// <summary>The trunk's challenges answered for this leg (a trunk leg with credentials), or null.</summary>
    internal TrunkChallenges? Challenges { get; }

    /// <summary>The session layer could not place the leg (a fault of ours): the engine hears it ended with <see cref="LegEndCause.Failed"/>.</summary>
    internal void Fail(string detail)
    {
        _ = TakeBranchMedia(null);
        End(new LegEnded(LegEndCause.Failed, ByPeer: false, detail));
    }

    private void End(LegEnded ended)
    {
        lock (_gate)
        {
            if (_over)
            {
                return;
            }

            _over = true;
        }

        _events.OnEnded(this, ended);
    }


    /// <summary>
    /// After the decision: the winner's 2xx retransmissions get the same ACK again; a 2xx on any other branch (it answered
    /// as the CANCEL crossed), or of another dialog on the winning one, is acknowledged and ended with BYE (RFC 3261 §13.2.2.4).
    /// </summary>
    /// <remarks>
    /// Static, so that it does not keep the session (and through its events the call) alive while the branches' transactions
    /// absorb retransmissions, up to 32 s over UDP (issue #14).
    /// </remarks>
    private static async Task DrainAsync(DialogManager dialogs, Action<Exception, string> sendFailed,
        ChannelReader<(ClientInviteTransaction Transaction, SipResponse Response)> reader, ClientInviteTransaction? winningBranch, SipDialog? winner)
    {
        try
        {
            await foreach (var (branch, response) in reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (!response.IsSuccess)
                {
                    continue;
                }

                // Only the answered dialog's own 2xx is re-acknowledged; a 2xx with another To tag on the same INVITE (a
                // fork, or a phone answering a retransmitted INVITE as a new call) is another dialog: ACK and BYE below.
                if (ReferenceEquals(branch, winningBranch) && winner is not null && SipDialogId.ForReceivedResponse(response) == winner.Id)
                {
                    await dialogs.AcknowledgeAsync(winner, response, null, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                var late = dialogs.OnInviteResponse(branch, response);
                if (late is not null && !ReferenceEquals(late, winner))
                {
                    await dialogs.AcknowledgeAsync(late, response, null, CancellationToken.None).ConfigureAwait(false);
                    if (late.State == SipDialogState.Confirmed)
                    {
                        await dialogs.SendByeAsync(late, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }
        }
#pragma warning disable CA1031 // Background clean-up reports failures in the log.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            sendFailed(ex, "ACK/BYE");
        }
    }
}
