namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>
/// Where the dialog layer notes its confirmed dialogs while they last (issue #15's crash recovery): what is needed to end
/// them after the process died. Implementations never throw and never block for long: they run on signalling paths.
/// </summary>
public interface IDialogJournal
{
    /// <summary><paramref name="dialog"/> is confirmed (a 2xx to its INVITE was sent or received).</summary>
    void Confirmed(SipDialog dialog);

    /// <summary><paramref name="dialog"/> ended.</summary>
    void Ended(SipDialog dialog);
}
