namespace ContactCenter.Sip.Transactions;

/// <summary>The four transaction state machines of RFC 3261 §17.</summary>
public enum SipTransactionKind
{
    /// <summary>§17.1.1.</summary>
    ClientInvite,

    /// <summary>§17.1.2.</summary>
    ClientNonInvite,

    /// <summary>§17.2.1.</summary>
    ServerInvite,

    /// <summary>§17.2.2.</summary>
    ServerNonInvite,
}
