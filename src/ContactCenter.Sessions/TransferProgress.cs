namespace ContactCenter.Sessions;

/// <summary>How a transfer we accepted is going, reported back to the peer that asked for it (RFC 3515 NOTIFY).</summary>
public enum TransferProgress
{
    /// <summary>The new target is being tried.</summary>
    Trying,

    /// <summary>The new target is ringing.</summary>
    Ringing,

    /// <summary>The new target answered: the transfer is done.</summary>
    Succeeded,

    /// <summary>The transfer failed; the call stays where it was.</summary>
    Failed,
}
