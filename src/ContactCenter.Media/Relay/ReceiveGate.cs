namespace ContactCenter.Media.Relay;

/// <summary>
/// The receives a media endpoint has in hand: each enters before it touches the endpoint and leaves after; once the
/// endpoint closes no more enter, and <see cref="CloseAsync"/> completes when the last one in hand has left.
/// Lock-free: one counter, with a high bit for "closed".
/// </summary>
internal sealed class ReceiveGate
{
    private const int Closed = 1 << 30;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count; // receives in hand, plus Closed once closed

    /// <summary>True when the receive may go on (it must call <see cref="Exit"/>); false once closed.</summary>
    public bool TryEnter()
    {
        if ((Interlocked.Increment(ref _count) & Closed) == 0)
        {
            return true;
        }

        Exit();
        return false;
    }

    /// <summary>A receive that entered is done.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) == Closed)
        {
            _drained.TrySetResult(); // the last receive in hand when the gate closed
        }
    }

    /// <summary>Closes the gate; completes once no receive is in hand.</summary>
    public Task CloseAsync() => Interlocked.Add(ref _count, Closed) == Closed ? Task.CompletedTask : _drained.Task;
}
