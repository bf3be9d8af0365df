using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// The INVITE server transaction (RFC 3261 §17.2.1 with RFC 6026 §7.1): Proceeding, Completed, Confirmed,
/// Accepted, Terminated.
/// </summary>
internal sealed class ServerInviteTransaction(SipTransactionLayer layer, SipInboundMessage inbound)
    : SipServerTransaction(layer, SipTransactionKind.ServerInvite, inbound, SipTransactionState.Proceeding)
{
    private ITimer? _timerG;
    private TimeSpan _intervalG;
    private bool _cancelled;

    /// <summary>Arms the 100 Trying timer (RFC 3261 §17.2.1: sent unless the TU answers within 200 ms).</summary>
    internal void Start()
    {
        lock (Gate)
        {
            StartTimer(static s => ((ServerInviteTransaction)s!).OnTryingTimer(), Timers.TryingDelay);
        }
    }

    /// <summary>An ACK matched; true when it is to be passed to the TU (Accepted state, RFC 6026 §7.1).</summary>
    internal bool OnAck()
    {
        lock (Gate)
        {
            switch (StateLocked)
            {
                case SipTransactionState.Completed when IsReliable:
                    // Timer I is zero over reliable transports.
                    TerminateLocked(SipTransactionError.None);
                    return false;
                case SipTransactionState.Completed:
                    StateLocked = SipTransactionState.Confirmed;
                    _timerG?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    StartTimer(static s => ((ServerInviteTransaction)s!).OnTimerI(), Timers.T4);
                    return false;
                case SipTransactionState.Accepted:
                    return true;
                default:
                    // Confirmed: ACK retransmissions are absorbed. Proceeding: an ACK before any final response is ignored.
                    return false;
            }
        }
    }

    /// <summary>True the first time a CANCEL matches while no final response has been sent (RFC 3261 §9.2).</summary>
    internal bool TryMarkCancelled()
    {
        lock (Gate)
        {
            if (_cancelled || StateLocked != SipTransactionState.Proceeding)
            {
                return false;
            }

            _cancelled = true;
            return true;
        }
    }

    private protected override bool AcceptResponseLocked(SipResponse response)
    {
        switch (StateLocked)
        {
            case SipTransactionState.Proceeding when response.IsProvisional:
                LastResponseLocked = response;
                return true;
            case SipTransactionState.Proceeding when response.IsSuccess:
                // RFC 6026 §7.1: a 2xx moves to Accepted; the TU retransmits it (RFC 3261 §13.3.1.4) for Timer L.
                LastResponseLocked = response;
                StateLocked = SipTransactionState.Accepted;
                StartTimer(static s => ((ServerInviteTransaction)s!).OnTimerL(), Timers.TimerAccepted);
                return true;
            case SipTransactionState.Proceeding:
                LastResponseLocked = response;
                StateLocked = SipTransactionState.Completed;
                if (!IsReliable)
                {
                    _intervalG = Timers.T1;
                    _timerG = StartTimer(static s => ((ServerInviteTransaction)s!).OnTimerG(), _intervalG);
                }

                StartTimer(static s => ((ServerInviteTransaction)s!).OnTimerH(), Timers.TimerH);
                return true;
            case SipTransactionState.Accepted when response.IsSuccess:
                return true;
            default:
                return false;
        }
    }

    // RFC 3261 §17.2.1: the last provisional is resent in Proceeding, the final one in Completed; RFC 6026 §7.1
    // absorbs retransmissions in Accepted.
    private protected override SipResponse? ResponseForRetransmissionLocked() =>
        StateLocked is SipTransactionState.Proceeding or SipTransactionState.Completed ? LastResponseLocked : null;

    private void OnTryingTimer()
    {
        lock (Gate)
        {
            if (StateLocked != SipTransactionState.Proceeding || LastResponseLocked is not null)
            {
                return;
            }

            var trying = SipResponseBuilder.ForRequest(Request, SipStatusCodes.Trying).Build();
            LastResponseLocked = trying;
            // Handed to the transport before the lock is let go: a final response the TU sends meanwhile waits for the
            // lock, so it cannot leave first and be followed by this 100 (sipp aborts a call on a 100 after the 200;
            // CI of 7f5fa20, a re-INVITE answered within the 200 ms).
            Send(trying);
        }
    }

    private void OnTimerG()
    {
        SipResponse final;
        lock (Gate)
        {
            if (StateLocked != SipTransactionState.Completed)
            {
                return;
            }

            // RFC 3261 §17.2.1: Timer G doubles up to T2.
            _intervalG = TimeSpan.FromTicks(Math.Min(_intervalG.Ticks * 2, Timers.T2.Ticks));
            _timerG!.Change(_intervalG, Timeout.InfiniteTimeSpan);
            final = LastResponseLocked!;
        }

        Retransmit(final);
    }

    private void OnTimerH()
    {
        bool timedOut;
        lock (Gate)
        {
            timedOut = StateLocked == SipTransactionState.Completed;
            if (timedOut)
            {
                TimeOutLocked("H");
            }
        }

        if (timedOut)
        {
            Layer.ReportServerFailure(this, SipTransactionError.Timeout);
        }
    }

    private void OnTimerI() => TerminateIf(SipTransactionState.Confirmed);

    private void OnTimerL() => TerminateIf(SipTransactionState.Accepted);
}
