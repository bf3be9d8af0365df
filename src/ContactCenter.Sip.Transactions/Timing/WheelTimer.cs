namespace ContactCenter.Sip.Transactions.Timing;

/// <summary>One timer of a <see cref="SipTimerWheel"/>: a node in one of its slot lists, guarded by the wheel's lock.</summary>
internal sealed class WheelTimer(SipTimerWheel wheel, TimerCallback callback, object? state) : ITimer
{
    /// <summary>The tick (in slots) the timer is due at.</summary>
    internal long DueTick { get; set; }

    /// <summary>The slot it is linked into, or -1 when it is not waiting.</summary>
    internal int Slot { get; set; } = -1;

    internal WheelTimer? Prev { get; set; }

    internal WheelTimer? Next { get; set; }

    internal TimeSpan Period { get; set; } = Timeout.InfiniteTimeSpan;

    internal bool IsDisposed { get; set; }

    /// <inheritdoc />
    public bool Change(TimeSpan dueTime, TimeSpan period) => wheel.Schedule(this, dueTime, period);

    /// <inheritdoc />
    public void Dispose() => wheel.Remove(this);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal void Fire()
    {
        if (!IsDisposed)
        {
            callback(state);
        }
    }
}
