namespace ContactCenter.Media.WebRtc;

/// <summary>
/// The bound on concurrent DTLS handshakes of the browser legs (issue #20). BouncyCastle's DTLS is blocking (no
/// non-blocking API in its C# port), so each handshake runs on a dedicated thread of its own, never a thread-pool
/// thread; this caps those threads at <see cref="Limit"/> (a handshake beyond it is refused: its leg fails cleanly) and
/// gives each one <see cref="Timeout"/> on the injected clock, after which a stalled peer is dropped and its slot freed.
/// One instance is shared by all legs of the process; thread-safe.
/// </summary>
public sealed class DtlsHandshakeSlots
{
    /// <summary>The default bound on handshakes at once.</summary>
    public const int DefaultLimit = 64;

    /// <summary>The default time a handshake may take (a browser completes one in well under a second).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private int _inUse;

    /// <summary>Creates the slots: <paramref name="limit"/> handshakes at once, each at most <paramref name="timeout"/> on <paramref name="time"/>.</summary>
    public DtlsHandshakeSlots(int limit, TimeSpan timeout, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Limit = limit;
        Timeout = timeout;
        Time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Slots for one socket alone (tests and tools): the default limit and timeout on the system clock.</summary>
    public static DtlsHandshakeSlots CreateDefault() => new(DefaultLimit, DefaultTimeout, TimeProvider.System);

    /// <summary>How many handshakes may run at once.</summary>
    public int Limit { get; }

    /// <summary>How long one handshake may take before its peer is dropped.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The clock of the timeout.</summary>
    public TimeProvider Time { get; }

    /// <summary>Handshakes running now.</summary>
    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>Takes a slot; false when <see cref="Limit"/> handshakes already run.</summary>
    public bool TryEnter()
    {
        var current = Volatile.Read(ref _inUse);
        while (current < Limit)
        {
            var seen = Interlocked.CompareExchange(ref _inUse, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Gives back a slot taken by <see cref="TryEnter"/> (once per successful take).</summary>
    public void Exit() => Interlocked.Decrement(ref _inUse);
}
