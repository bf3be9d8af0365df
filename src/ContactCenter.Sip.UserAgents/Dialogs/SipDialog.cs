using System.Security.Cryptography;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>
/// One INVITE dialog (RFC 3261 §12): its id, state, route set, remote target and sequence numbers, and the 2xx it
/// retransmits until ACK (§13.3.1.4). Made by <see cref="DialogManager"/>; all its state changes, timer callbacks
/// included, go through one lock, and messages are sent after the lock is released.
/// </summary>
public sealed class SipDialog
{
    private readonly Lock _gate = new();
    private readonly DialogManager _owner;
    private readonly TaskCompletionSource<DialogTerminationReason> _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SipDialogState _state;
    private SipUri _remoteTarget;
    private IReadOnlyList<SipNameAddress> _routeSet;
    private SipNameAddress _remoteParty;
    private uint? _localSequence;
    private uint? _remoteSequence;
    private SipRequest? _localInvite;
    private bool _localUpdatePending;
    private SipRequest? _lastInviteSent;
    private SentAck? _lastAck;
    private readonly Invite2xxRetransmission _retransmission;

    internal SipDialog(DialogManager owner, SipDialogId id, bool isUac, SipDialogState state, SipNameAddress localParty, SipNameAddress remoteParty,
        SipNameAddress localContact, SipUri remoteTarget, IReadOnlyList<SipNameAddress> routeSet, uint? localSequence, uint? remoteSequence,
        bool isSecure, SipEndPoint flow, IDialogRequestHandler? handler)
    {
        _owner = owner;
        Id = id;
        IsUac = isUac;
        _state = state;
        LocalParty = localParty;
        _remoteParty = remoteParty;
        LocalContact = localContact;
        _remoteTarget = remoteTarget;
        _routeSet = routeSet;
        _localSequence = localSequence;
        _remoteSequence = remoteSequence;
        IsSecure = isSecure;
        Flow = flow;
        Handler = handler;
        _retransmission = new Invite2xxRetransmission(_gate, owner, this);
    }

    /// <summary>Call-ID, local tag and remote tag.</summary>
    public SipDialogId Id { get; }

    /// <summary>The dialog's key in the crash journal, made once (<see cref="Recovery.DialogJournalFolder"/>).</summary>
    internal string? JournalKey { get; set; }

    /// <summary>True when we sent the INVITE that made the dialog (we are its UAC), false when we answered it.</summary>
    public bool IsUac { get; }

    /// <summary>The local party: From of our requests, with our tag.</summary>
    public SipNameAddress LocalParty { get; }

    /// <summary>The local URI (RFC 3261 §12).</summary>
    public SipUri LocalUri => LocalParty.Uri;

    /// <summary>The remote party: To of our requests, with the peer's tag.</summary>
    public SipNameAddress RemoteParty
    {
        get
        {
            lock (_gate)
            {
                return _remoteParty;
            }
        }
    }

    /// <summary>The remote URI (RFC 3261 §12).</summary>
    public SipUri RemoteUri => RemoteParty.Uri;

    /// <summary>Our Contact, sent on target-refresh requests and their 2xx.</summary>
    public SipNameAddress LocalContact { get; }

    /// <summary>The transport address the dialog was set up over; used when the next hop is not an IP literal.</summary>
    public SipEndPoint Flow { get; }

    /// <summary>True when the dialog was made over a sips Request-URI (RFC 3261 §12.1.1, §12.1.2).</summary>
    public bool IsSecure { get; }

    /// <summary>Who receives the peer's requests in this dialog, or null for the manager's defaults.</summary>
    public IDialogRequestHandler? Handler { get; private set; }

    /// <summary>Completes with the reason when the dialog ends.</summary>
    public Task<DialogTerminationReason> Terminated => _terminated.Task;

    /// <summary>The state.</summary>
    public SipDialogState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The remote target: the peer's latest Contact (RFC 3261 §12.2).</summary>
    public SipUri RemoteTarget
    {
        get
        {
            lock (_gate)
            {
                return _remoteTarget;
            }
        }
    }

    /// <summary>The route set, in the order Route headers are written (RFC 3261 §12.1.1, §12.1.2).</summary>
    public IReadOnlyList<SipNameAddress> RouteSet
    {
        get
        {
            lock (_gate)
            {
                return _routeSet;
            }
        }
    }

    /// <summary>The CSeq number of our last request in the dialog, or null before the first.</summary>
    public uint? LocalSequenceNumber
    {
        get
        {
            lock (_gate)
            {
                return _localSequence;
            }
        }
    }

    /// <summary>The CSeq number of the peer's last request in the dialog, or null before the first.</summary>
    public uint? RemoteSequenceNumber
    {
        get
        {
            lock (_gate)
            {
                return _remoteSequence;
            }
        }
    }

    /// <summary>True while a 2xx of ours to an INVITE waits for its ACK.</summary>
    public bool IsAwaitingAck
    {
        get
        {
            lock (_gate)
            {
                return _retransmission.IsAwaitingAckLocked;
            }
        }
    }

    /// <summary>
    /// A response to <paramref name="request"/> within this dialog: To tag set to our tag, our Contact on a 1xx/2xx to a
    /// target-refresh request, and for the INVITE that created the dialog its Record-Route copied (RFC 3261 §12.1.1).
    /// </summary>
    public SipResponse CreateResponse(SipRequest request, int statusCode, Action<SipResponseBuilder>? customize = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = SipResponseBuilder.ForRequest(request, statusCode, toTag: Id.LocalTag);
        if (request.To.Tag is null && request.Method == SipMethod.Invite)
        {
            foreach (var recordRoute in request.RecordRoutes)
            {
                builder.AddRecordRoute(recordRoute);
            }
        }

        if (statusCode is > 100 and < 300 && IsTargetRefresh(request.Method))
        {
            builder.AddContact(LocalContact);
        }

        customize?.Invoke(builder);
        return builder.Build();
    }

    /// <inheritdoc />
    public override string ToString() => $"{(IsUac ? "UAC" : "UAS")} dialog {Id} ({State})";

    /// <summary>Methods whose Contact replaces the remote target (RFC 3261 §12.2, RFC 3311 §5.1, RFC 6665 §4.1.2).</summary>
    internal static bool IsTargetRefresh(SipMethod method) =>
        method == SipMethod.Invite || method == SipMethod.Update || method == SipMethod.Subscribe || method == SipMethod.Notify;

    /// <summary>
    /// Builds our next request in the dialog (RFC 3261 §12.2.1.1) and takes the next local CSeq. An INVITE is
    /// refused while another of ours is pending (§14.1).
    /// </summary>
    internal (SipRequest Request, SipEndPoint NextHop) CreateRequest(SipMethod method, Action<SipRequestBuilder>? customize)
    {
        // Built under the lock (CPU only, no I/O) so the CSeq taken and the pending INVITE recorded cannot interleave.
        lock (_gate)
        {
            if (_state == SipDialogState.Terminated)
            {
                throw new InvalidOperationException($"{this} has ended; no request can be sent in it.");
            }

            if (method == SipMethod.Invite && _localInvite is not null)
            {
                throw new InvalidOperationException("An INVITE of ours is still pending in this dialog (RFC 3261 §14.1).");
            }

            // RFC 3261 §8.1.1.5: a fresh sequence starts at a random value below 2^31; then +1 per request (§12.2.1.1).
            var sequence = _localSequence is uint last ? last + 1 : (uint)RandomNumberGenerator.GetInt32(1, 1 << 30);
            var request = Build(method, sequence, _remoteTarget, _routeSet, _remoteParty, customize);
            _localSequence = sequence;
            if (method == SipMethod.Invite)
            {
                _localInvite = request;
                _lastInviteSent = request;
            }
            else if (method == SipMethod.Update && !request.Body.IsEmpty)
            {
                _localUpdatePending = true;
            }

            return (request, DialogRouting.NextHop(_remoteTarget, _routeSet, Flow));
        }
    }

    /// <summary>
    /// The ACK for a 2xx to our INVITE (RFC 3261 §13.2.2.4): built like any request in the dialog but with the
    /// INVITE's CSeq number and credentials. The same ACK is returned for every 2xx with that CSeq (retransmissions).
    /// Null when <paramref name="response"/> is not a 2xx to an INVITE of ours in this dialog.
    /// </summary>
    internal (SipRequest Ack, SipEndPoint NextHop)? CreateAck(SipResponse response, Action<SipRequestBuilder>? customize)
    {
        if (!response.IsSuccess || response.CSeq.Method != SipMethod.Invite)
        {
            return null;
        }

        SipRequest invite;
        SipUri target;
        IReadOnlyList<SipNameAddress> routes;
        SipNameAddress remote;
        lock (_gate)
        {
            if (_lastAck is { } sent && sent.SequenceNumber == response.CSeq.Number)
            {
                return (sent.Ack, sent.NextHop);
            }

            if (_lastInviteSent is null || _lastInviteSent.CSeq.Number != response.CSeq.Number)
            {
                return null;
            }

            invite = _lastInviteSent;
            target = _remoteTarget;
            routes = _routeSet;
            remote = _remoteParty;
        }

        var ack = Build(SipMethod.Ack, invite.CSeq.Number, target, routes, remote, b =>
        {
            foreach (var h in invite.Headers)
            {
                if (h.Kind is SipHeaderKind.Authorization or SipHeaderKind.ProxyAuthorization)
                {
                    b.AddHeader(h.Kind, h.GetValueString());
                }
            }

            customize?.Invoke(b);
        });
        var hop = DialogRouting.NextHop(target, routes, Flow);
        lock (_gate)
        {
            if (_lastAck is { } raced && raced.SequenceNumber == response.CSeq.Number)
            {
                return (raced.Ack, raced.NextHop);
            }

            _lastAck = new SentAck(invite.CSeq.Number, ack, hop);
        }

        return (ack, hop);
    }

    /// <summary>Remembers the INVITE that made a UAC dialog (for its ACK), pending until a final response.</summary>
    internal void RecordInitialInvite(SipRequest invite, bool pending)
    {
        lock (_gate)
        {
            _lastInviteSent = invite;
            _localInvite = pending ? invite : null;
        }
    }

    /// <summary>
    /// The peer sent <paramref name="request"/> in this dialog (RFC 3261 §12.2.2): checks and records its CSeq,
    /// detects glare (§14.2, RFC 3311 §5.2) and applies a target refresh.
    /// </summary>
    internal DialogRequestCheck AcceptRemoteRequest(SipRequest request)
    {
        lock (_gate)
        {
            if (_state == SipDialogState.Terminated)
            {
                return DialogRequestCheck.Gone;
            }

            var number = request.CSeq.Number;
            if (_remoteSequence is uint last && number <= last)
            {
                return DialogRequestCheck.OutOfOrder;
            }

            _remoteSequence = number;
            var offerPending = _localInvite is not null || _localUpdatePending;
            if ((request.Method == SipMethod.Invite && _localInvite is not null)
                || (request.Method == SipMethod.Update && !request.Body.IsEmpty && offerPending))
            {
                return DialogRequestCheck.Glare;
            }

            if (IsTargetRefresh(request.Method) && request.Contacts.Count > 0)
            {
                // RFC 3261 §12.2.2: a target refresh request replaces the remote target with its Contact.
                _remoteTarget = request.Contacts[0].Uri;
            }

            return DialogRequestCheck.Accepted;
        }
    }

    /// <summary>
    /// A final response to our request <paramref name="request"/> arrived (or was made locally). Clears the pending
    /// INVITE/UPDATE, applies a 2xx target refresh (RFC 3261 §12.2.1.2); true when the dialog must end (481 or 408).
    /// </summary>
    internal bool OnLocalRequestCompleted(SipRequest request, SipResponse response)
    {
        lock (_gate)
        {
            if (request.Method == SipMethod.Invite && ReferenceEquals(_localInvite, request))
            {
                _localInvite = null;
            }
            else if (request.Method == SipMethod.Update)
            {
                _localUpdatePending = false;
            }

            if (response.IsSuccess && IsTargetRefresh(request.Method) && response.Contacts.Count > 0)
            {
                _remoteTarget = response.Contacts[0].Uri;
            }

            return response.StatusCode is SipStatusCodes.CallOrTransactionDoesNotExist or SipStatusCodes.RequestTimeout
                && request.Method != SipMethod.Bye;
        }
    }

    /// <summary>
    /// A 1xx-with-tag or 2xx to our initial INVITE for this dialog (RFC 3261 §12.1.2, §13.2.2.4): a 2xx confirms an early
    /// dialog and recomputes its route set; any response with a Contact refreshes the remote target.
    /// </summary>
    internal void OnInitialInviteResponse(SipResponse response)
    {
        var confirmed = false;
        lock (_gate)
        {
            if (_state == SipDialogState.Terminated)
            {
                return;
            }

            if (response.Contacts.Count > 0)
            {
                _remoteTarget = response.Contacts[0].Uri;
            }

            _remoteParty = response.To;
            if (response.IsSuccess && _state == SipDialogState.Early)
            {
                _state = SipDialogState.Confirmed;
                _routeSet = [.. response.RecordRoutes.Reverse()];
                confirmed = true;
            }

            if (response.IsSuccess && ReferenceEquals(_localInvite, _lastInviteSent))
            {
                _localInvite = null;
            }
        }

        if (confirmed)
        {
            _owner.OnConfirmed(this);
        }
    }

    /// <summary>
    /// We sent a 2xx to an INVITE of the peer: the dialog is confirmed and the 2xx is retransmitted at T1, doubling up
    /// to T2, until the ACK arrives; after 64*T1 without one the manager ends the dialog with BYE (RFC 3261 §13.3.1.4).
    /// </summary>
    internal void OnInvite2xxSent(SipResponse response, SipEndPoint destination)
    {
        bool confirmed;
        lock (_gate)
        {
            if (_state == SipDialogState.Terminated)
            {
                return;
            }

            confirmed = _state != SipDialogState.Confirmed;
            _state = SipDialogState.Confirmed;
            _retransmission.StartLocked(response, destination);
        }

        if (confirmed)
        {
            _owner.OnConfirmed(this);
        }
    }

    /// <summary>An ACK with CSeq <paramref name="sequenceNumber"/> arrived; true when it acknowledges the 2xx we retransmit.</summary>
    internal bool OnAck(uint sequenceNumber)
    {
        lock (_gate)
        {
            return _retransmission.AcknowledgeLocked(sequenceNumber);
        }
    }

    /// <summary>Ends the dialog; false when it had already ended. The caller removes it from the table and reports it.</summary>
    /// <summary>The dialog has ended and its handler was told: it no longer refers to it.</summary>
    internal void ReleaseHandler() => Handler = null;

    internal bool TryTerminate(DialogTerminationReason reason)
    {
        lock (_gate)
        {
            if (_state == SipDialogState.Terminated)
            {
                return false;
            }

            _state = SipDialogState.Terminated;
            _retransmission.StopLocked();
        }

        _terminated.TrySetResult(reason);
        return true;
    }

    private SipRequest Build(SipMethod method, uint sequence, SipUri target, IReadOnlyList<SipNameAddress> routeSet, SipNameAddress remote,
        Action<SipRequestBuilder>? customize)
    {
        var (requestUri, routes) = DialogRouting.Route(target, routeSet);
        var hop = DialogRouting.NextHop(target, routeSet, Flow);
        var local = _owner.Transport.GetLocalEndPoint(hop.Protocol);
        var via = SipVia.Create(local.ViaTransport, local.EndPoint.Address.ToString(), local.EndPoint.Port, SipIds.NewBranch(), requestRPort: true);
        var builder = SipRequestBuilder.Create(method, requestUri, via, LocalParty, remote, Id.CallId, sequence);
        foreach (var route in routes)
        {
            builder.AddRoute(route);
        }

        if (IsTargetRefresh(method))
        {
            builder.AddContact(LocalContact);
        }

        customize?.Invoke(builder);
        return builder.Build();
    }

    private sealed record SentAck(uint SequenceNumber, SipRequest Ack, SipEndPoint NextHop);
}
