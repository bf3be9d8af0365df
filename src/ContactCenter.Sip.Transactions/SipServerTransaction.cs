using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 §17.2). The TU answers through <see cref="SendResponseAsync"/>; request
/// retransmissions are answered with the last response and never reach the TU.
/// </summary>
public abstract class SipServerTransaction : SipTransaction
{
    private protected SipServerTransaction(SipTransactionLayer layer, SipTransactionKind kind, SipInboundMessage inbound,
        SipTransactionState initialState)
        : base(layer, kind, (SipRequest)inbound.Message, TransactionMessages.ResponseDestination(inbound), initialState)
    {
        Source = inbound.Source;
        Local = inbound.Local;
    }

    /// <summary>Where the request came from.</summary>
    public SipEndPoint Source { get; }

    /// <summary>The local listener the request arrived on.</summary>
    public SipEndPoint Local { get; }

    /// <summary>The To tag of the last response sent, or null (a CANCEL's 200 carries the same tag, RFC 3261 §9.2).</summary>
    public string? ToTag
    {
        get
        {
            lock (Gate)
            {
                return LastResponseLocked?.To.Tag;
            }
        }
    }

    /// <summary>The last response sent; read and written under <see cref="SipTransaction.Gate"/>.</summary>
    private protected SipResponse? LastResponseLocked { get; set; }

    /// <summary>
    /// Sends a response for the request. False when the transaction no longer takes one (a final response
    /// was already sent, or it terminated) or the transport failed (the transaction then terminates).
    /// </summary>
    public async ValueTask<bool> SendResponseAsync(SipResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.CSeq.Method != Request.Method || response.CSeq.Number != Request.CSeq.Number)
        {
            throw new ArgumentException("The response's CSeq does not match the transaction's request.", nameof(response));
        }

        bool accepted;
        lock (Gate)
        {
            accepted = AcceptResponseLocked(response);
        }

        return accepted && await SendAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves the state machine for a response from the TU; false when it is not to be sent.</summary>
    private protected abstract bool AcceptResponseLocked(SipResponse response);

    /// <summary>A retransmission of the request arrived (RFC 3261 §17.2.1, §17.2.2).</summary>
    internal void OnRequestRetransmission()
    {
        SipResponse? resend;
        lock (Gate)
        {
            resend = ResponseForRetransmissionLocked();
        }

        if (resend is not null)
        {
            Retransmit(resend);
        }
    }

    /// <summary>The response to resend for a request retransmission in the current state, or null to absorb it.</summary>
    private protected abstract SipResponse? ResponseForRetransmissionLocked();

    /// <inheritdoc />
    private protected override void OnTransportError()
    {
        bool ended;
        lock (Gate)
        {
            ended = TerminateLocked(SipTransactionError.TransportError);
        }

        if (ended)
        {
            Layer.ReportServerFailure(this, SipTransactionError.TransportError);
        }
    }
}
