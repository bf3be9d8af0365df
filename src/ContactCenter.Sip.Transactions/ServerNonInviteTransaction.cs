using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>The non-INVITE server transaction (RFC 3261 §17.2.2): Trying, Proceeding, Completed, Terminated.</summary>
internal sealed class ServerNonInviteTransaction(SipTransactionLayer layer, SipInboundMessage inbound)
    : SipServerTransaction(layer, SipTransactionKind.ServerNonInvite, inbound, SipTransactionState.Trying)
{
    private protected override bool AcceptResponseLocked(SipResponse response)
    {
        if (StateLocked is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return false;
        }

        LastResponseLocked = response;
        if (response.IsProvisional)
        {
            StateLocked = SipTransactionState.Proceeding;
        }
        else if (IsReliable)
        {
            // Timer J is zero over reliable transports.
            TerminateLocked(SipTransactionError.None);
        }
        else
        {
            StateLocked = SipTransactionState.Completed;
            StartTimer(static s => ((ServerNonInviteTransaction)s!).OnTimerJ(), Timers.TimerJ);
        }

        return true;
    }

    // RFC 3261 §17.2.2: absorbed while Trying; the last response is resent in Proceeding and Completed.
    private protected override SipResponse? ResponseForRetransmissionLocked() =>
        StateLocked is SipTransactionState.Proceeding or SipTransactionState.Completed ? LastResponseLocked : null;

    private void OnTimerJ() => TerminateIf(SipTransactionState.Completed);
}
