namespace ContactCenter.Sip.Transactions;

/// <summary>How a transaction ended.</summary>
public enum SipTransactionError
{
    /// <summary>Normally: a final response was received or sent and the transaction ran its course.</summary>
    None,

    /// <summary>Timer B, F or H fired (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1).</summary>
    Timeout,

    /// <summary>The transport could not send a message (RFC 3261 §17.1.4, §17.2.4).</summary>
    TransportError,
}
