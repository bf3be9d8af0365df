namespace ContactCenter.Sip.Transactions;

/// <summary>The states of the RFC 3261 §17 state machines (and Accepted, RFC 6026 §7).</summary>
public enum SipTransactionState
{
    /// <summary>INVITE client: request sent, no response yet.</summary>
    Calling,

    /// <summary>Non-INVITE client or server: request sent or received, no response yet.</summary>
    Trying,

    /// <summary>A provisional response was received or sent.</summary>
    Proceeding,

    /// <summary>A final response (non-2xx for INVITE) was received or sent; absorbing retransmissions.</summary>
    Completed,

    /// <summary>INVITE server: the ACK for a non-2xx response arrived.</summary>
    Confirmed,

    /// <summary>INVITE client or server: a 2xx was received or sent (RFC 6026 §7); 2xx retransmissions go to the TU.</summary>
    Accepted,

    /// <summary>The transaction has ended and is no longer matched.</summary>
    Terminated,
}
