using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>
/// The session layer's view of one dialog (a call leg): requests the peer sends within it, the ACK for our 2xx,
/// and its end. Given to <see cref="DialogManager"/> when the dialog is created.
/// </summary>
public interface IDialogRequestHandler
{
    /// <summary>
    /// A request within <paramref name="dialog"/> that passed the CSeq and glare checks: BYE, re-INVITE, UPDATE,
    /// INFO, REFER, NOTIFY, ... Return true when this handler answers it (answer a re-INVITE or UPDATE through
    /// <see cref="DialogManager.SendResponseAsync"/> so a 2xx is retransmitted until ACK); false lets the manager
    /// answer (BYE: 200 and the dialog ends; INVITE/UPDATE: 488; others: 405). A BYE ends the dialog either way.
    /// </summary>
    ValueTask<bool> OnRequestAsync(SipDialog dialog, SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken);

    /// <summary>The ACK for our 2xx to an INVITE arrived (first copy only; it may carry an answer).</summary>
    ValueTask OnAckAsync(SipDialog dialog, SipInboundMessage ack, CancellationToken cancellationToken);

    /// <summary>The dialog ended and has left the table. Called on timer and network paths; keep it short.</summary>
    void OnTerminated(SipDialog dialog, DialogTerminationReason reason);
}
