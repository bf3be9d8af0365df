using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Sip.Transactions.Timing;

/// <summary>
/// A hashed timer wheel for the many short-lived timers of SIP (transaction timers A-M, 2xx retransmission, session
/// and ring timers). It is a <see cref="TimeProvider"/>: <see cref="CreateTimer"/> hands out cheap timers kept in
/// the wheel's slots, and one timer of the inner provider (armed for the earliest due slot only) drives them all,
/// so a call costs no timer-queue entries, no execution-context captures and no timer-queue lock per timer. Time
/// itself (<see cref="GetUtcNow"/>, <see cref="GetTimestamp"/>) comes from the inner provider, so a
/// <c>FakeTimeProvider</c> drives the wheel in tests exactly as it drives its own timers.
/// </summary>
/// <remarks>
/// Due times are rounded up to <see cref="Resolution"/> (never early). Callbacks run one after another on the
/// driver's thread-pool thread, outside the wheel's lock, in due order; they must be short and must not block
/// (take a lock, change state, start a send), as transaction and dialog timer callbacks do. A callback that
/// throws is logged and the others still run.
/// </remarks>
public sealed partial class SipTimerWheel : TimeProvider, IDisposable
{
    private const int SlotCount = 512;
    private readonly TimeProvider _inner;
    private readonly long _resolution;
    private readonly WheelTimer?[] _heads = new WheelTimer?[SlotCount];
    private readonly WheelTimer?[] _tails = new WheelTimer?[SlotCount];
    private readonly Lock _gate = new();
    private readonly Lock _armGate = new();
    private readonly ITimer _driver;
    private readonly ILogger _logger;
    private long _processedTick;
    private long _armedTick = long.MaxValue;
    private int _count;
    private bool _disposed;

    /// <summary>Creates a wheel over <paramref name="inner"/> whose slots are <paramref name="resolution"/> wide.</summary>
    public SipTimerWheel(TimeProvider inner, TimeSpan resolution, ILogger<SipTimerWheel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, TimeSpan.FromTicks(1));
        _inner = inner;
        Resolution = resolution;
        _resolution = Math.Max(1, (long)Math.Ceiling(resolution.Ticks * (double)inner.TimestampFrequency / TimeSpan.TicksPerSecond));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _processedTick = inner.GetTimestamp() / _resolution;
        _driver = inner.CreateTimer(static s => ((SipTimerWheel)s!).OnDriver(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The width of one slot: due times are rounded up to a multiple of it.</summary>
    public TimeSpan Resolution { get; }

    /// <summary>Timers currently waiting in the wheel.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    /// <inheritdoc />
    public override long GetTimestamp() => _inner.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new WheelTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Stops the driver; timers still in the wheel never fire.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Array.Clear(_heads);
            Array.Clear(_tails);
            _count = 0;
        }

        _driver.Dispose();
    }

    /// <summary>(Re)schedules <paramref name="timer"/>; false once it or the wheel is disposed.</summary>
    internal bool Schedule(WheelTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidateTime(dueTime, nameof(dueTime));
        ValidateTime(period, nameof(period));
        long armTick;
        lock (_gate)
        {
            if (_disposed || timer.IsDisposed)
            {
                return false;
            }

            Unlink(timer);
            timer.Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            var now = _inner.GetTimestamp();
            var tick = CeilDiv(now + ToTimestamp(dueTime), _resolution);
            Link(timer, Math.Max(tick, _processedTick + 1));
            if (timer.DueTick >= _armedTick)
            {
                return true;
            }

            _armedTick = timer.DueTick;
            armTick = _armedTick;
        }

        Arm(armTick);
        return true;
    }

    /// <summary>Takes <paramref name="timer"/> out of the wheel for good.</summary>
    internal void Remove(WheelTimer timer)
    {
        lock (_gate)
        {
            Unlink(timer);
            timer.IsDisposed = true;
        }
    }

    private static long CeilDiv(long value, long divisor) => (value + divisor - 1) / divisor;

    private static void ValidateTime(TimeSpan value, string name)
    {
        if (value != Timeout.InfiniteTimeSpan && value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "A timer's due time and period are zero or more, or infinite.");
        }
    }

    private long ToTimestamp(TimeSpan value) =>
        (long)Math.Ceiling(value.Ticks * (double)_inner.TimestampFrequency / TimeSpan.TicksPerSecond);

    /// <summary>Points the driver at <paramref name="tick"/> unless an earlier arm or a firing has replaced it since.</summary>
    private void Arm(long tick)
    {
        lock (_armGate)
        {
            if (Volatile.Read(ref _armedTick) != tick)
            {
                return;
            }

            // At least one timestamp unit: a zero due time would make some providers fire inside Change, on this
            // thread and under the caller's locks.
            var delay = Math.Max(1, (tick * _resolution) - _inner.GetTimestamp());
            var span = TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(delay * (double)TimeSpan.TicksPerSecond / _inner.TimestampFrequency)));
            _driver.Change(span, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnDriver()
    {
        var due = CollectDue();
        foreach (var timer in due)
        {
            try
            {
                timer.Fire();
            }
#pragma warning disable CA1031 // One failing callback must not stop the others or the driver (STYLE §9).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCallbackFailed(_logger, ex);
            }
        }

        long next;
        lock (_gate)
        {
            if (_disposed || _count == 0)
            {
                return;
            }

            // Callbacks may have armed the driver for their own new timers; a timer already waiting can be earlier.
            next = NextOccupiedTick();
            if (next >= _armedTick)
            {
                return;
            }

            _armedTick = next;
        }

        Arm(next);
    }

    /// <summary>Unlinks every timer due by now, in due order, re-linking periodic ones; the driver counts as unarmed.</summary>
    private List<WheelTimer> CollectDue()
    {
        var due = new List<WheelTimer>();
        lock (_gate)
        {
            _armedTick = long.MaxValue;
            if (_disposed)
            {
                return due;
            }

            var nowTick = _inner.GetTimestamp() / _resolution;
            if (nowTick <= _processedTick)
            {
                return due;
            }

            var first = nowTick - _processedTick > SlotCount ? nowTick - SlotCount + 1 : _processedTick + 1;
            // After a pause longer than one turn every slot is visited once; a timer is taken when DueTick <= nowTick,
            // whichever turn it belongs to.
            for (var tick = first; tick <= nowTick; tick++)
            {
                TakeDue(tick, nowTick, due);
            }

            _processedTick = nowTick;
            foreach (var timer in due)
            {
                if (timer.Period != Timeout.InfiniteTimeSpan)
                {
                    var step = Math.Max(1, CeilDiv(ToTimestamp(timer.Period), _resolution));
                    Link(timer, Math.Max(timer.DueTick + step, nowTick + 1));
                }
            }
        }

        for (var i = 1; i < due.Count; i++)
        {
            if (due[i].DueTick < due[i - 1].DueTick)
            {
                // Only after a pause longer than one turn; a stable sort keeps equal ticks in scheduling order.
                return [.. due.OrderBy(static t => t.DueTick)];
            }
        }

        return due;
    }

    private void TakeDue(long tick, long nowTick, List<WheelTimer> due)
    {
        var slot = (int)(tick & (SlotCount - 1));
        var timer = _heads[slot];
        while (timer is not null)
        {
            var next = timer.Next;
            if (timer.DueTick <= nowTick)
            {
                Unlink(timer);
                due.Add(timer);
            }

            timer = next;
        }
    }

    /// <summary>The first tick after the processed one whose slot holds a timer (a later turn's, at worst).</summary>
    private long NextOccupiedTick()
    {
        for (var tick = _processedTick + 1; tick <= _processedTick + SlotCount; tick++)
        {
            // A slot holding only later turns' timers costs one quiet wake-up.
            if (_heads[(int)(tick & (SlotCount - 1))] is not null)
            {
                return tick;
            }
        }

        return _processedTick + SlotCount;
    }

    private void Link(WheelTimer timer, long tick)
    {
        var slot = (int)(tick & (SlotCount - 1));
        timer.DueTick = tick;
        timer.Slot = slot;
        timer.Prev = _tails[slot];
        timer.Next = null;
        if (_tails[slot] is { } tail)
        {
            tail.Next = timer;
        }
        else
        {
            _heads[slot] = timer;
        }

        _tails[slot] = timer;
        _count++;
    }

    private void Unlink(WheelTimer timer)
    {
        if (timer.Slot < 0)
        {
            return;
        }

        var slot = timer.Slot;
        if (timer.Prev is { } prev)
        {
            prev.Next = timer.Next;
        }
        else
        {
            _heads[slot] = timer.Next;
        }

        if (timer.Next is { } next)
        {
            next.Prev = timer.Prev;
        }
        else
        {
            _tails[slot] = timer.Prev;
        }

        timer.Prev = null;
        timer.Next = null;
        timer.Slot = -1;
        _count--;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A timer callback failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception);
}
