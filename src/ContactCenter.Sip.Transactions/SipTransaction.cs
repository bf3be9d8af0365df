using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// One RFC 3261 §17 transaction. Its state changes are serialised by one lock: network events, TU calls and
/// its own timers all go through it. Messages are sent after the lock is released. When it terminates, its
/// timers are disposed and the layer forgets it.
/// </summary>
public abstract class SipTransaction
{
    private readonly List<ITimer> _timers = new(4);
    private readonly TaskCompletionSource<SipTransactionError> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SipTransactionState _state;

    private protected SipTransaction(SipTransactionLayer layer, SipTransactionKind kind, SipRequest request, SipEndPoint remoteEndPoint,
        SipTransactionState initialState)
    {
        Layer = layer;
        Kind = kind;
        Request = request;
        RemoteEndPoint = remoteEndPoint;
        Branch = request.TopVia.Branch ?? string.Empty;
        _state = initialState;
    }

    /// <summary>Which of the four state machines this is.</summary>
    public SipTransactionKind Kind { get; }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>Where this transaction sends: the request's destination (client) or where responses go (server).</summary>
    public SipEndPoint RemoteEndPoint { get; }

    /// <summary>The top Via branch of the request.</summary>
    public string Branch { get; }

    /// <summary>The current state.</summary>
    public SipTransactionState State
    {
        get
        {
            lock (Gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Completes when the transaction terminates, saying whether it ended normally, by timeout or by transport error.</summary>
    public Task<SipTransactionError> Ended => _ended.Task;

    internal SipTransactionLayer Layer { get; }

    private protected Lock Gate { get; } = new();

    private protected SipTimerOptions Timers => Layer.Timers;

    /// <summary>The state; read and written only while holding <see cref="Gate"/>.</summary>
    private protected SipTransactionState StateLocked
    {
        get => _state;
        set => _state = value;
    }

    private protected bool IsReliable => RemoteEndPoint.IsReliable;

    /// <summary>Starts a one-shot timer owned by this transaction; disposed when it terminates. Call under <see cref="Gate"/>.</summary>
    private protected ITimer StartTimer(TimerCallback callback, TimeSpan dueTime)
    {
        var timer = Layer.Wheel.CreateTimer(callback, this, dueTime, Timeout.InfiniteTimeSpan);
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Ends the transaction: disposes its timers and removes it from the layer. Call under <see cref="Gate"/>.</summary>
    private protected bool TerminateLocked(SipTransactionError error)
    {
        if (_state == SipTransactionState.Terminated)
        {
            return false;
        }

        _state = SipTransactionState.Terminated;
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        _timers.Clear();
        OnTerminatedLocked(error);
        Layer.Remove(this, error);
        _ended.TrySetResult(error);
        return true;
    }

    /// <summary>Ends the transaction normally if it is still in <paramref name="expected"/> (Timers D, I, J, K, L, M).</summary>
    private protected void TerminateIf(SipTransactionState expected)
    {
        lock (Gate)
        {
            if (_state == expected)
            {
                TerminateLocked(SipTransactionError.None);
            }
        }
    }

    /// <summary>Ends the transaction after a timer named <paramref name="timer"/> fired with no answer. Call under <see cref="Gate"/>.</summary>
    private protected void TimeOutLocked(string timer)
    {
        Layer.Metrics.TimedOut(Kind);
        Layer.TransactionTimedOut(this, timer);
        TerminateLocked(SipTransactionError.Timeout);
    }

    /// <summary>Lets a subclass finish its own notifications as the transaction terminates (under <see cref="Gate"/>).</summary>
    private protected virtual void OnTerminatedLocked(SipTransactionError error)
    {
    }

    /// <summary>Sends <paramref name="message"/> to <see cref="RemoteEndPoint"/>; a failure becomes a transport error. Call without the lock.</summary>
    private protected async ValueTask<bool> SendAsync(SipMessage message, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            if (await Layer.Transport.SendAsync(message, RemoteEndPoint, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
#pragma warning disable CA1031 // Any failure to send is a transport error for the transaction (RFC 3261 §17.1.4).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        Layer.Metrics.TransportFailed(Kind);
        Layer.TransportFailed(this, failure);
        OnTransportError();
        return false;
    }

    /// <summary>Sends a retransmission from a timer callback (no caller to return to). Call without the lock.</summary>
    private protected void Retransmit(SipMessage message)
    {
        Layer.Metrics.Retransmitted(Kind);
        Send(message);
    }

    /// <summary>Sends from a timer or network path where no caller waits. Call without the lock.</summary>
    private protected void Send(SipMessage message)
    {
        var pending = SendAsync(message, CancellationToken.None);
        if (!pending.IsCompleted)
        {
            // SendAsync never throws: a failure is handled as a transport error inside it.
            _ = pending.AsTask();
        }
    }

    /// <summary>What the transaction does when the transport fails (RFC 3261 §17.1.4, §17.2.4).</summary>
    private protected abstract void OnTransportError();
}
