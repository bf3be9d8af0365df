using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// The INVITE client transaction (RFC 3261 §17.1.1 with RFC 6026 §7.2): Calling, Proceeding, Completed,
/// Accepted, Terminated. It ACKs non-2xx final responses itself; the TU ACKs 2xx.
/// </summary>
public sealed class ClientInviteTransaction : SipClientTransaction
{
    private readonly TaskCompletionSource<SipClientTransaction?> _cancel = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timerA;
    private TimeSpan _intervalA;
    private SipRequest? _ack;
    private bool _cancelRequested;

    internal ClientInviteTransaction(SipTransactionLayer layer, SipRequest request, SipEndPoint destination)
        : base(layer, SipTransactionKind.ClientInvite, request, destination, SipTransactionState.Calling)
    {
    }

    /// <summary>
    /// Cancels the INVITE (RFC 3261 §9.1): builds the CANCEL and sends it in its own client transaction as soon as
    /// a provisional response has arrived (at once if one has). Completes with that transaction, or null when a
    /// final response came first. Calling it again returns the same result.
    /// </summary>
    public Task<SipClientTransaction?> CancelAsync(CancellationToken cancellationToken)
    {
        bool sendNow;
        lock (Gate)
        {
            if (_cancelRequested)
            {
                return _cancel.Task.WaitAsync(cancellationToken);
            }

            _cancelRequested = true;
            sendNow = StateLocked == SipTransactionState.Proceeding;
            if (StateLocked is not (SipTransactionState.Calling or SipTransactionState.Proceeding))
            {
                _cancel.TrySetResult(null);
            }
        }

        if (sendNow)
        {
            _ = SendCancelAsync();
        }

        return _cancel.Task.WaitAsync(cancellationToken);
    }

    private protected override void StartTimersLocked()
    {
        // RFC 3261 §17.1.1.2: Timer A (UDP only) starts at T1 and doubles; Timer B at 64*T1.
        if (!IsReliable)
        {
            _intervalA = Timers.T1;
            _timerA = StartTimer(static s => ((ClientInviteTransaction)s!).OnTimerA(), _intervalA);
        }

        StartTimer(static s => ((ClientInviteTransaction)s!).OnTimerB(), Timers.TimerB);
    }

    internal override void OnResponse(SipResponse response)
    {
        SipRequest? ack = null;
        var sendCancel = false;
        lock (Gate)
        {
            switch (StateLocked)
            {
                case SipTransactionState.Calling or SipTransactionState.Proceeding when response.IsProvisional:
                    sendCancel = StateLocked == SipTransactionState.Calling && _cancelRequested;
                    StateLocked = SipTransactionState.Proceeding;
                    _timerA?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    PassToUserLocked(response);
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding when response.IsSuccess:
                    // RFC 6026 §7.2: Accepted; further 2xx (retransmissions, forks) go to the TU until Timer M.
                    PassToUserLocked(response);
                    _cancel.TrySetResult(null);
                    StateLocked = SipTransactionState.Accepted;
                    _timerA?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    StartTimer(static s => ((ClientInviteTransaction)s!).OnTimerM(), Timers.TimerAccepted);
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding:
                    // RFC 3261 §17.1.1.2: a 300-699 is passed up and ACKed by the transaction.
                    PassToUserLocked(response);
                    _cancel.TrySetResult(null);
                    _ack = TransactionMessages.Ack(Request, response);
                    ack = _ack;
                    if (IsReliable)
                    {
                        // Timer D is zero over reliable transports.
                        TerminateLocked(SipTransactionError.None);
                    }
                    else
                    {
                        StateLocked = SipTransactionState.Completed;
                        _timerA?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                        StartTimer(static s => ((ClientInviteTransaction)s!).OnTimerD(), Timers.TimerD);
                    }

                    break;
                case SipTransactionState.Completed when !response.IsProvisional && !response.IsSuccess:
                    // A retransmitted final response is ACKed again and not passed up.
                    Layer.Metrics.Retransmitted(Kind);
                    ack = _ack;
                    break;
                case SipTransactionState.Accepted when response.IsSuccess:
                    PassToUserLocked(response);
                    break;
                default:
                    break;
            }
        }

        if (ack is not null)
        {
            Send(ack);
        }

        if (sendCancel)
        {
            _ = SendCancelAsync();
        }
    }

    private protected override void OnTerminatedLocked(SipTransactionError error)
    {
        _cancel.TrySetResult(null);
        base.OnTerminatedLocked(error);
    }

    private async Task SendCancelAsync()
    {
        try
        {
            var cancel = await Layer.SendRequestAsync(TransactionMessages.Cancel(Request), RemoteEndPoint, CancellationToken.None).ConfigureAwait(false);
            lock (Gate)
            {
                if (StateLocked == SipTransactionState.Proceeding)
                {
                    // RFC 3261 §9.1: without a final response 64*T1 after the CANCEL, the INVITE transaction is given up.
                    StartTimer(static s => ((ClientInviteTransaction)s!).OnCancelGuard(), Timers.TimerB);
                }
            }

            _cancel.TrySetResult(cancel);
        }
#pragma warning disable CA1031 // Reported through the task the caller holds.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _cancel.TrySetException(ex);
        }
    }

    private void OnTimerA()
    {
        lock (Gate)
        {
            if (StateLocked != SipTransactionState.Calling)
            {
                return;
            }

            _intervalA *= 2;
            _timerA!.Change(_intervalA, Timeout.InfiniteTimeSpan);
        }

        Retransmit(Request);
    }

    private void OnTimerB()
    {
        lock (Gate)
        {
            if (StateLocked == SipTransactionState.Calling)
            {
                TimeOutLocked("B");
            }
        }
    }

    private void OnCancelGuard()
    {
        lock (Gate)
        {
            if (StateLocked == SipTransactionState.Proceeding)
            {
                TimeOutLocked("B (after CANCEL)");
            }
        }
    }

    private void OnTimerD() => TerminateIf(SipTransactionState.Completed);

    private void OnTimerM() => TerminateIf(SipTransactionState.Accepted);
}
