using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// The transaction user (TU, RFC 3261 §17): what the transaction layer hands new requests and
/// transaction-less messages to. The user-agent layer implements it.
/// </summary>
public interface ISipRequestHandler
{
    /// <summary>
    /// A new request (not ACK, not CANCEL) and the server transaction created for it. Answer through
    /// <see cref="SipServerTransaction.SendResponseAsync"/>; retransmissions of the request never reach here.
    /// If this throws before a final response was sent, the layer answers 500.
    /// </summary>
    ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// An ACK that no INVITE server transaction absorbed: the ACK for a 2xx (RFC 3261 §13.3.1.4, a new branch),
    /// or one that arrived while the INVITE transaction was Accepted (RFC 6026 §7.1).
    /// </summary>
    ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken);

    /// <summary>
    /// A 2xx to INVITE that matches no client transaction (a retransmission after the transaction ended, or a
    /// fork): the dialog layer must ACK it (RFC 3261 §13.2.2.4). Other stray responses are dropped.
    /// </summary>
    ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken);

    /// <summary>
    /// A CANCEL matched <paramref name="inviteTransaction"/> before it sent a final response (RFC 3261 §9.2).
    /// The layer has already answered the CANCEL with 200; the TU should answer the INVITE, normally 487.
    /// </summary>
    ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken);

    /// <summary>
    /// A server transaction ended abnormally: Timer H fired without an ACK (RFC 3261 §17.2.1), or a response
    /// could not be sent (§17.2.4). Called from timer and network paths; keep it short.
    /// </summary>
    void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason);
}
