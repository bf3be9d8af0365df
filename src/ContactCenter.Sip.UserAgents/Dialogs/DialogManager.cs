using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>
/// The table of live dialogs and the UA core's dialog rules (RFC 3261 §12-§15, RFC 6026). The session layer creates
/// dialogs here (<see cref="OnInviteResponse"/> as UAC, <see cref="CreateUasDialog(SipServerTransaction, SipResponse, IDialogRequestHandler?)"/>
/// as UAS) and sends within them (<see cref="SendRequestAsync"/>, <see cref="SendByeAsync"/>, <see cref="SendReInviteAsync"/>);
/// the user-agent core hands it every request with a To tag, every ACK and every stray 2xx. Thread-safe; each
/// dialog serialises its own state.
/// </summary>
public sealed class DialogManager
{
    private const string InDialogAllow = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE";

    private readonly ConcurrentDictionary<SipDialogId, SipDialog> _dialogs = new();
    private readonly SipTransactionLayer _layer;
    private readonly ILogger _logger;
    private readonly DialogMetrics _metrics;
    private IDialogJournal? _journal;

    /// <summary>Creates the manager over the transaction layer and transport of one SIP stack.</summary>
    public DialogManager(SipTransactionLayer layer, ISipTransport transport, IOptions<SipTimerOptions> timers, TimeProvider time,
        ILogger<DialogManager> logger, DialogMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(timers);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(metrics);
        _layer = layer;
        Transport = transport;
        Timers = timers.Value;
        Time = time;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>
    /// Keeps every confirmed dialog in <paramref name="journal"/> until it ends, so that after a crash the calls it
    /// carried can be ended (issue #15). Set once, when the stack is composed, before traffic flows.
    /// </summary>
    public void UseJournal(IDialogJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        if (Interlocked.CompareExchange(ref _journal, journal, null) is not null)
        {
            throw new InvalidOperationException("The dialog journal is set once.");
        }
    }

    /// <summary>
    /// Brings back a confirmed dialog a previous run of the process left open (from its journal entry), with no
    /// handler, so that it can be ended with BYE. Its next request carries a CSeq well past the journaled one (re-INVITEs
    /// after the snapshot may have used some).
    /// </summary>
    public SipDialog Restore(DialogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Add(snapshot.ToDialog(this));
    }

    internal void OnConfirmed(SipDialog dialog) => _journal?.Confirmed(dialog);

    /// <summary>How many dialogs are in the table.</summary>
    public int Count => _dialogs.Count;

    internal ISipTransport Transport { get; }

    internal SipTimerOptions Timers { get; }

    internal TimeProvider Time { get; }

    /// <summary>Finds a live dialog by id.</summary>
    public bool TryGet(SipDialogId id, [NotNullWhen(true)] out SipDialog? dialog) => _dialogs.TryGetValue(id, out dialog);

    /// <summary>
    /// A response to an initial INVITE we sent through <paramref name="invite"/> (read from its
    /// <see cref="SipClientTransaction.Responses"/>). A 1xx with a To tag creates an early dialog, a 2xx a confirmed one
    /// or confirms the early one with that tag (RFC 3261 §12.1.2, §13.2.2.4); both return it. A 300-699 ends every early
    /// dialog of the INVITE (§12.3) and returns null, as do 100 and tag-less responses. ACK a 2xx with <see cref="AcknowledgeAsync"/>.
    /// </summary>
    public SipDialog? OnInviteResponse(ClientInviteTransaction invite, SipResponse response, IDialogRequestHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        var request = invite.Request;
        if (response.StatusCode >= 300)
        {
            var localTag = request.From.Tag ?? string.Empty;
            foreach (var early in _dialogs.Values)
            {
                if (early.IsUac && early.Id.CallId == request.CallId && early.Id.LocalTag == localTag && early.State == SipDialogState.Early)
                {
                    End(early, DialogTerminationReason.Rejected);
                }
            }

            return null;
        }

        if (response.StatusCode == SipStatusCodes.Trying || response.To.Tag is null)
        {
            return null;
        }

        var id = SipDialogId.ForReceivedResponse(response);
        if (_dialogs.TryGetValue(id, out var existing))
        {
            existing.OnInitialInviteResponse(response);
            return existing;
        }

        // RFC 3261 §12.1.2: route set from Record-Route in reverse order, remote target from Contact, local CSeq from the INVITE.
        var dialog = new SipDialog(this, id, isUac: true, response.IsSuccess ? SipDialogState.Confirmed : SipDialogState.Early,
            request.From, response.To, request.Contacts.Count > 0 ? request.Contacts[0] : DefaultContact(request.From, invite.RemoteEndPoint),
            response.Contacts.Count > 0 ? response.Contacts[0].Uri : request.RequestUri, [.. response.RecordRoutes.Reverse()],
            request.CSeq.Number, remoteSequence: null, request.RequestUri.IsSecure, invite.RemoteEndPoint, handler);
        dialog.RecordInitialInvite(request, pending: !response.IsSuccess);
        return Add(dialog);
    }

    /// <summary>
    /// Sends the ACK for a 2xx to an INVITE of ours in <paramref name="dialog"/> straight to the transport (RFC 3261
    /// §13.2.2.4: no transaction; CSeq number of the INVITE; its credentials). Every retransmission of that 2xx gets the
    /// same ACK again. Returns the ACK, or null when the response is not such a 2xx.
    /// </summary>
    public async Task<SipRequest?> AcknowledgeAsync(SipDialog dialog, SipResponse response, Action<SipRequestBuilder>? customize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(response);
        if (dialog.CreateAck(response, customize) is not var (ack, hop))
        {
            return null;
        }

        await Transport.SendAsync(ack, hop, cancellationToken).ConfigureAwait(false);
        return ack;
    }

    /// <summary>
    /// Creates the UAS dialog for a peer's INVITE and the 1xx/2xx we are about to send on it (RFC 3261 §12.1.1): our
    /// tag and Contact come from <paramref name="response"/> (see <see cref="CreateUasDialog(SipServerTransaction, SipNameAddress, IDialogRequestHandler?)"/>
    /// to have them made), route set from the INVITE's Record-Route in order, remote target from its Contact. Send the
    /// response with <see cref="SendResponseAsync"/>.
    /// </summary>
    public SipDialog CreateUasDialog(SipServerTransaction inviteTransaction, SipResponse response, IDialogRequestHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(inviteTransaction);
        ArgumentNullException.ThrowIfNull(response);
        var tag = response.To.Tag ?? throw new ArgumentException("A dialog-creating response needs a To tag.", nameof(response));
        var contact = response.Contacts.Count > 0 ? response.Contacts[0] : throw new ArgumentException("A dialog-creating response needs a Contact.", nameof(response));
        return CreateUas(inviteTransaction, tag, contact, handler);
    }

    /// <summary>
    /// Creates the UAS dialog for a peer's INVITE with a new local tag and <paramref name="localContact"/>; build its
    /// responses with <see cref="SipDialog.CreateResponse"/> and send them with <see cref="SendResponseAsync"/>.
    /// </summary>
    public SipDialog CreateUasDialog(SipServerTransaction inviteTransaction, SipNameAddress localContact, IDialogRequestHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(inviteTransaction);
        ArgumentNullException.ThrowIfNull(localContact);
        return CreateUas(inviteTransaction, SipIds.NewTag(), localContact, handler);
    }

    /// <summary>
    /// Sends a response to a peer's request in <paramref name="dialog"/>. A 2xx to an INVITE confirms the dialog and is
    /// retransmitted until the ACK comes, or the dialog is ended with BYE after 64*T1 (RFC 3261 §13.3.1.4); a 300-699 to
    /// the INVITE that made an early dialog ends it. False when the transaction did not send it.
    /// </summary>
    public async ValueTask<bool> SendResponseAsync(SipDialog dialog, SipServerTransaction transaction, SipResponse response,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(response);
        if (!await transaction.SendResponseAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (transaction.Request.Method == SipMethod.Invite)
        {
            if (response.IsSuccess)
            {
                dialog.OnInvite2xxSent(response, transaction.RemoteEndPoint);
            }
            else if (response.StatusCode >= 300 && transaction.Request.To.Tag is null && dialog.State == SipDialogState.Early)
            {
                End(dialog, DialogTerminationReason.Rejected);
            }
        }

        return true;
    }

    /// <summary>
    /// Sends a request within <paramref name="dialog"/> (RFC 3261 §12.2.1.1) through a new client transaction and returns
    /// it. The layer watches the outcome: a 2xx to a target refresh updates the remote target, a 481 or 408 ends the
    /// dialog (§12.2.1.2), and every 2xx to a re-INVITE is ACKed (so read a re-INVITE's <see cref="SipClientTransaction.Outcome"/>,
    /// not its responses). BYE ends the dialog as soon as it is handed to the transaction (§15.1.1).
    /// </summary>
    public Task<SipClientTransaction> SendRequestAsync(SipDialog dialog, SipMethod method, Action<SipRequestBuilder>? customize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(method);
        if (method == SipMethod.Ack || method == SipMethod.Cancel)
        {
            throw new ArgumentException("ACK and CANCEL are not sent with SendRequestAsync: use AcknowledgeAsync or ClientInviteTransaction.CancelAsync.",
                nameof(method));
        }

        return SendCoreAsync(dialog, method, customize, DialogTerminationReason.LocalBye, cancellationToken);
    }

    /// <summary>Sends BYE in <paramref name="dialog"/> and ends it (RFC 3261 §15.1.1).</summary>
    public Task<SipClientTransaction> SendByeAsync(SipDialog dialog, CancellationToken cancellationToken) =>
        SendRequestAsync(dialog, SipMethod.Bye, null, cancellationToken);

    /// <summary>
    /// Sends BYE in <paramref name="dialog"/> over <paramref name="flow"/> instead of towards its remote target, and ends
    /// it: for a phone that registered again on a new connection after the one the dialog used was lost (RFC 5626 §5.3
    /// sends requests over the flow a phone registered on). The request itself is the dialog's (§12.2.1.1).
    /// </summary>
    public Task<SipClientTransaction> SendByeOverAsync(SipDialog dialog, SipEndPoint flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(flow);
        return SendCoreAsync(dialog, SipMethod.Bye, null, DialogTerminationReason.LocalBye, cancellationToken, flow);
    }

    /// <summary>Sends a re-INVITE in <paramref name="dialog"/> (RFC 3261 §14.1; refused while one of ours is pending).</summary>
    public async Task<ClientInviteTransaction> SendReInviteAsync(SipDialog dialog, Action<SipRequestBuilder>? customize,
        CancellationToken cancellationToken) =>
        (ClientInviteTransaction)await SendRequestAsync(dialog, SipMethod.Invite, customize, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A request with a To tag (RFC 3261 §12.2.2): 481 when it matches no dialog, 500 when its CSeq is out of order,
    /// 491 for an INVITE while ours is pending (§14.2); otherwise the dialog's handler gets it, and what it leaves is
    /// answered here (BYE: 200 and the dialog ends).
    /// </summary>
    public async ValueTask HandleRequestAsync(SipServerTransaction transaction, SipInboundMessage inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(inbound);
        var request = (SipRequest)inbound.Message;
        if (!_dialogs.TryGetValue(SipDialogId.ForReceivedRequest(request), out var dialog))
        {
            _metrics.RequestRejected(SipStatusCodes.CallOrTransactionDoesNotExist);
            _logger.NoSuchDialog(request.Method.Name, request.CallId, inbound.Source, SipStatusCodes.CallOrTransactionDoesNotExist);
            await transaction.SendResponseAsync(SipResponseBuilder.ForRequest(request, SipStatusCodes.CallOrTransactionDoesNotExist).Build(),
                cancellationToken).ConfigureAwait(false);
            return;
        }

        var refusal = dialog.AcceptRemoteRequest(request) switch
        {
            DialogRequestCheck.Gone => SipStatusCodes.CallOrTransactionDoesNotExist,
            DialogRequestCheck.OutOfOrder => SipStatusCodes.ServerInternalError,
            DialogRequestCheck.Glare => SipStatusCodes.RequestPending,
            _ => 0,
        };
        if (refusal != 0)
        {
            _metrics.RequestRejected(refusal);
            _logger.RequestRefused(request.Method.Name, dialog.Id, refusal);
            await transaction.SendResponseAsync(SipResponseBuilder.ForRequest(request, refusal).Build(), cancellationToken).ConfigureAwait(false);
            return;
        }

        var claimed = dialog.Handler is { } handler && await handler.OnRequestAsync(dialog, transaction, inbound, cancellationToken).ConfigureAwait(false);
        if (request.Method == SipMethod.Bye)
        {
            // RFC 3261 §15.1.2: a BYE matching a dialog ends it, whoever answers.
            if (!claimed)
            {
                await transaction.SendResponseAsync(dialog.CreateResponse(request, SipStatusCodes.OK), cancellationToken).ConfigureAwait(false);
            }

            End(dialog, DialogTerminationReason.RemoteBye);
            return;
        }

        if (!claimed)
        {
            var answer = request.Method == SipMethod.Invite || request.Method == SipMethod.Update
                ? dialog.CreateResponse(request, SipStatusCodes.NotAcceptableHere)
                : dialog.CreateResponse(request, SipStatusCodes.MethodNotAllowed, b => b.AddHeader(SipHeaderKind.Allow, InDialogAllow));
            await transaction.SendResponseAsync(answer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An ACK no INVITE server transaction took (RFC 3261 §13.3.1.4, RFC 6026 §7.1). When it matches a dialog the 2xx
    /// retransmission stops and, the first time, the dialog's handler gets it. False when it matches no dialog.
    /// </summary>
    public async ValueTask<bool> HandleAckAsync(SipInboundMessage ack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ack);
        var request = (SipRequest)ack.Message;
        if (!_dialogs.TryGetValue(SipDialogId.ForReceivedRequest(request), out var dialog))
        {
            _logger.AckUnmatched(request.CallId, ack.Source);
            return false;
        }

        if (dialog.OnAck(request.CSeq.Number) && dialog.Handler is { } handler)
        {
            await handler.OnAckAsync(dialog, ack, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// A 2xx to INVITE that outlived its client transaction: when it belongs to a dialog of ours, its ACK is sent again
    /// (RFC 3261 §13.2.2.4). False when it matches no dialog.
    /// </summary>
    public async ValueTask<bool> HandleStrayResponseAsync(SipInboundMessage inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        if (inbound.Message is not SipResponse { IsSuccess: true } response || response.CSeq.Method != SipMethod.Invite
            || !_dialogs.TryGetValue(SipDialogId.ForReceivedResponse(response), out var dialog))
        {
            return false;
        }

        await AcknowledgeAsync(dialog, response, null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Retransmits our unacknowledged 2xx (from the dialog's timer).</summary>
    internal void Retransmit2xx(SipDialog dialog, SipResponse response, SipEndPoint destination)
    {
        _metrics.Retransmitted();
        _ = ObserveAsync(dialog, SendQuietlyAsync(response, destination));
    }

    /// <summary>No ACK came for 64*T1: RFC 3261 §13.3.1.4 says end the session with BYE.</summary>
    internal void OnAckTimeout(SipDialog dialog)
    {
        _logger.AckTimedOut(dialog.Id, Timers.T1 * 64);
        _ = ObserveAsync(dialog, SendCoreAsync(dialog, SipMethod.Bye, null, DialogTerminationReason.AckTimeout, CancellationToken.None));
    }

    private static SipNameAddress DefaultContact(SipNameAddress from, SipEndPoint flow) =>
        SipNameAddress.Create(SipUri.Create(SipUriScheme.Sip, from.Uri.User, flow.EndPoint.Address.ToString(), flow.EndPoint.Port));

    private SipDialog CreateUas(SipServerTransaction inviteTransaction, string localTag, SipNameAddress localContact, IDialogRequestHandler? handler)
    {
        var request = inviteTransaction.Request;
        if (request.Method != SipMethod.Invite || request.To.Tag is not null)
        {
            throw new ArgumentException("Only an INVITE without a To tag creates a dialog.", nameof(inviteTransaction));
        }

        // RFC 3261 §12.1.1: route set from Record-Route in order, remote target from Contact, remote CSeq from the INVITE.
        var id = new SipDialogId(request.CallId, localTag, request.From.Tag ?? string.Empty);
        var dialog = new SipDialog(this, id, isUac: false, SipDialogState.Early, request.To.WithTag(localTag), request.From, localContact,
            request.Contacts.Count > 0 ? request.Contacts[0].Uri : request.From.Uri, [.. request.RecordRoutes], localSequence: null,
            request.CSeq.Number, request.RequestUri.IsSecure, inviteTransaction.Source, handler);
        return Add(dialog);
    }

    private SipDialog Add(SipDialog dialog)
    {
        var stored = _dialogs.GetOrAdd(dialog.Id, dialog);
        if (ReferenceEquals(stored, dialog))
        {
            _metrics.Created(dialog.IsUac);
            _logger.DialogCreated(dialog.Id, dialog.IsUac ? "UAC" : "UAS");
            if (dialog.State == SipDialogState.Confirmed)
            {
                OnConfirmed(dialog);
            }
        }

        return stored;
    }

    private void End(SipDialog dialog, DialogTerminationReason reason)
    {
        if (!dialog.TryTerminate(reason))
        {
            return;
        }

        if (_dialogs.TryRemove(new KeyValuePair<SipDialogId, SipDialog>(dialog.Id, dialog)))
        {
            _metrics.Terminated(reason);
        }

        _logger.DialogTerminated(dialog.Id, reason);
        _journal?.Ended(dialog);
        try
        {
            dialog.Handler?.OnTerminated(dialog, reason);
        }
#pragma warning disable CA1031 // A failing session layer must not break a timer or network path.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.HandlerFailed(ex, dialog.Id);
        }

        // An ended dialog can outlive its call in a transaction absorbing retransmissions (up to 32 s over UDP): it must
        // not keep the session above it, and through it the call, alive that long (issue #14).
        dialog.ReleaseHandler();
    }

    private async Task<SipClientTransaction> SendCoreAsync(SipDialog dialog, SipMethod method, Action<SipRequestBuilder>? customize,
        DialogTerminationReason byeReason, CancellationToken cancellationToken, SipEndPoint? over = null)
    {
        var (request, hop) = dialog.CreateRequest(method, customize);
        hop = over ?? hop;
        SipClientTransaction transaction;
        try
        {
            transaction = await _layer.SendRequestAsync(request, hop, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            dialog.OnLocalRequestCompleted(request, SipResponseBuilder.ForRequest(request, SipStatusCodes.ServiceUnavailable).Build());
            throw;
        }

        if (method == SipMethod.Bye)
        {
            End(dialog, byeReason);
        }
        else
        {
            _ = ObserveAsync(dialog, WatchAsync(dialog, request, transaction));
        }

        return transaction;
    }

    private async Task WatchAsync(SipDialog dialog, SipRequest request, SipClientTransaction transaction)
    {
        if (request.Method != SipMethod.Invite)
        {
            Complete(dialog, request, (await transaction.Outcome.ConfigureAwait(false)).Response);
            return;
        }

        // RFC 6026 §7.2: 2xx retransmissions reach us on Responses while the transaction is Accepted; each gets the ACK.
        await foreach (var response in transaction.Responses.ReadAllAsync().ConfigureAwait(false))
        {
            if (response.IsProvisional)
            {
                continue;
            }

            Complete(dialog, request, response);
            if (response.IsSuccess)
            {
                await AcknowledgeAsync(dialog, response, null, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void Complete(SipDialog dialog, SipRequest request, SipResponse response)
    {
        if (dialog.OnLocalRequestCompleted(request, response))
        {
            End(dialog, DialogTerminationReason.RequestFailed);
        }
    }

    private async Task SendQuietlyAsync(SipMessage message, SipEndPoint destination) =>
        await Transport.SendAsync(message, destination, CancellationToken.None).ConfigureAwait(false);

    private async Task ObserveAsync(SipDialog dialog, Task work)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Background dialog work reports failures in the log; it has no caller to throw to.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.DialogWorkFailed(ex, dialog.Id);
        }
    }
}
