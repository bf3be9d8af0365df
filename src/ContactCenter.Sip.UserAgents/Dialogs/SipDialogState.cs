namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>The states of an INVITE dialog (RFC 3261 §12, §12.3).</summary>
public enum SipDialogState
{
    /// <summary>Created by a provisional response with a To tag; no final response yet.</summary>
    Early,

    /// <summary>A 2xx was sent or received.</summary>
    Confirmed,

    /// <summary>Ended (BYE, a failure of the initial INVITE, no ACK, or a 481/408 to an in-dialog request).</summary>
    Terminated,
}
