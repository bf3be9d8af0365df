namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>Why a dialog ended.</summary>
public enum DialogTerminationReason
{
    /// <summary>We sent BYE (RFC 3261 §15.1.1).</summary>
    LocalBye,

    /// <summary>The peer sent BYE (RFC 3261 §15.1.2).</summary>
    RemoteBye,

    /// <summary>The initial INVITE got a non-2xx final response, so its early dialogs end (RFC 3261 §12.3).</summary>
    Rejected,

    /// <summary>Our 2xx was retransmitted for 64*T1 with no ACK; the dialog was ended with BYE (RFC 3261 §13.3.1.4).</summary>
    AckTimeout,

    /// <summary>An in-dialog request got 481 or 408 (RFC 3261 §12.2.1.2).</summary>
    RequestFailed,

    /// <summary>The owner ended it without signalling (e.g. shutdown).</summary>
    Abandoned,
}
