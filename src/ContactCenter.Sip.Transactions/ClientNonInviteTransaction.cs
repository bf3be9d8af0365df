using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>The non-INVITE client transaction (RFC 3261 §17.1.2): Trying, Proceeding, Completed, Terminated.</summary>
internal sealed class ClientNonInviteTransaction : SipClientTransaction
{
    private ITimer? _timerE;
    private TimeSpan _intervalE;

    public ClientNonInviteTransaction(SipTransactionLayer layer, SipRequest request, SipEndPoint destination)
        : base(layer, SipTransactionKind.ClientNonInvite, request, destination, SipTransactionState.Trying)
    {
    }

    private protected override void StartTimersLocked()
    {
        // RFC 3261 §17.1.2.2: Timer E (UDP only) starts at T1; Timer F at 64*T1.
        if (!IsReliable)
        {
            _intervalE = Timers.T1;
            _timerE = StartTimer(static s => ((ClientNonInviteTransaction)s!).OnTimerE(), _intervalE);
        }

        StartTimer(static s => ((ClientNonInviteTransaction)s!).OnTimerF(), Timers.TimerF);
    }

    internal override void OnResponse(SipResponse response)
    {
        lock (Gate)
        {
            switch (StateLocked)
            {
                case SipTransactionState.Trying or SipTransactionState.Proceeding when response.IsProvisional:
                    StateLocked = SipTransactionState.Proceeding;
                    PassToUserLocked(response);
                    break;
                case SipTransactionState.Trying or SipTransactionState.Proceeding:
                    PassToUserLocked(response);
                    Complete();
                    break;
                default:
                    // Completed: final response retransmissions are absorbed (§17.1.2.2).
                    break;
            }
        }
    }

    private void Complete()
    {
        if (IsReliable)
        {
            // Timer K is zero over reliable transports.
            TerminateLocked(SipTransactionError.None);
            return;
        }

        StateLocked = SipTransactionState.Completed;
        _timerE?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        StartTimer(static s => ((ClientNonInviteTransaction)s!).OnTimerK(), Timers.T4);
    }

    private void OnTimerE()
    {
        lock (Gate)
        {
            // RFC 3261 §17.1.2.2: while Trying, E doubles up to T2; once Proceeding it fires every T2.
            if (StateLocked == SipTransactionState.Trying)
            {
                _intervalE = TimeSpan.FromTicks(Math.Min(_intervalE.Ticks * 2, Timers.T2.Ticks));
            }
            else if (StateLocked == SipTransactionState.Proceeding)
            {
                _intervalE = Timers.T2;
            }
            else
            {
                return;
            }

            _timerE!.Change(_intervalE, Timeout.InfiniteTimeSpan);
        }

        Retransmit(Request);
    }

    private void OnTimerF()
    {
        lock (Gate)
        {
            if (StateLocked is SipTransactionState.Trying or SipTransactionState.Proceeding)
            {
                TimeOutLocked("F");
            }
        }
    }

    private void OnTimerK() => TerminateIf(SipTransactionState.Completed);
}
