namespace ContactCenter.Host.Calls.Spool;

/// <summary>
/// The spool's last records, kept in memory as they were written (issue #14). The lanes run just behind the engine, so
/// they nearly always read a record while it is still here, without a system call; a lane further behind (an outage, a
/// replay after a start) reads the segment files. Records are encoded straight into a ring of bytes, so appending costs
/// no allocation either. Used only under the spool's lock.
/// </summary>
internal sealed class SpoolTail
{
    /// <summary>The ring's default size: at a thousand calls a second (about ten events each) a few seconds of events.</summary>
    public const int DefaultBytes = 8 * 1024 * 1024;

    private readonly byte[] _ring;
    private readonly Entry[] _entries;
    private readonly long _mask;
    private long _written; // bytes handed out since the start; position p lives at p % ring length

    /// <summary>A tail of <paramref name="bytes"/> bytes (0: none; every read goes to the files).</summary>
    public SpoolTail(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _ring = bytes == 0 ? [] : GC.AllocateUninitializedArray<byte>(bytes);
        // One entry per 256 bytes of ring, a power of two (a call event's record is 300-700 bytes; when smaller ones run
        // the entries out first, the oldest are read from the files).
        var entries = bytes == 0 ? 1 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, bytes / 256));
        _entries = new Entry[entries];
        _mask = entries - 1;
    }

    /// <summary>
    /// Room for a record of <paramref name="length"/> bytes, contiguous in the ring, or an empty span when it is too large
    /// to keep (over a quarter of the ring). Whatever the ring held there is given up at once, written or not.
    /// </summary>
    public Span<byte> Reserve(int length, out long position)
    {
        position = -1;
        if (length > _ring.Length / 4)
        {
            return [];
        }

        var at = (int)(_written % _ring.Length);
        if (at + length > _ring.Length)
        {
            _written += _ring.Length - at; // the ring's end is too short: start again at its beginning
            at = 0;
        }

        position = _written;
        _written += length;
        return _ring.AsSpan(at, length);
    }

    /// <summary>Remembers that record <paramref name="sequence"/> (reserved at <paramref name="position"/>) is in the ring and on disk at <paramref name="segment"/>, <paramref name="offset"/>.</summary>
    public void Add(long sequence, long position, int length, long segment, long offset) =>
        _entries[sequence & _mask] = new Entry(sequence, position, length, segment, offset);

    /// <summary>
    /// The record <paramref name="sequence"/> (header and payload) when the ring still holds it, with where it is in the
    /// segment files; valid until the next <see cref="Reserve"/>.
    /// </summary>
    public bool TryGet(long sequence, out ReadOnlySpan<byte> record, out long segment, out long offset)
    {
        ref readonly var entry = ref _entries[sequence & _mask];
        if (entry.Sequence != sequence || entry.Length == 0 || _written - entry.Position > _ring.Length)
        {
            record = [];
            (segment, offset) = (0, 0);
            return false;
        }

        record = _ring.AsSpan((int)(entry.Position % _ring.Length), entry.Length);
        (segment, offset) = (entry.Segment, entry.Offset);
        return true;
    }

    private readonly record struct Entry(long Sequence, long Position, int Length, long Segment, long Offset);
}
