using Microsoft.Win32.SafeHandles;

namespace ContactCenter.Host.Calls.Spool;

/// <summary>Reads a spool's records in order, from the first one after <paramref name="after"/>; one reader per cursor.</summary>
internal sealed class SpoolReader(CallEventSpool spool, long after) : IDisposable
{
    private readonly byte[] _header = new byte[SpoolRecord.HeaderBytes];
    private SafeFileHandle? _handle;
    private long _segment;
    private long _offset;
    private long _next = after + 1;

    /// <summary>The number of the next record to read.</summary>
    public long NextSequence => _next;

    /// <summary>Reads up to <paramref name="max"/> records, none past <see cref="CallEventSpool.DurableSequence"/>.</summary>
    public List<(long Sequence, byte[] Payload)> Read(int max)
    {
        var records = new List<(long, byte[])>();
        var durable = spool.DurableSequence;
        while (records.Count < max && _next <= durable)
        {
            var starts = spool.SegmentStarts();
            var segment = starts.LastOrDefault(s => s <= _next);
            if (_handle is null || segment != _segment)
            {
                Open(segment);
            }

            if (!TryReadOne(out var payload))
            {
                // A record the spool says is durable is unreadable (damaged disk): skip to the next segment, if any.
                var later = starts.FirstOrDefault(s => s > _segment);
                if (later == 0)
                {
                    break;
                }

                _next = later;
                continue;
            }

            records.Add((_next++, payload));
        }

        return records;
    }

    /// <inheritdoc />
    public void Dispose() => _handle?.Dispose();

    private void Open(long segment)
    {
        _handle?.Dispose();
        _handle = File.OpenHandle(spool.SegmentPath(segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        (_segment, _offset) = (segment, 0);
        // Skip the records before the one wanted (only after a start, when the checkpoint is mid-segment).
        for (var sequence = segment; sequence < _next; sequence++)
        {
            if (!TryReadOne(out _))
            {
                break;
            }
        }
    }

    private bool TryReadOne(out byte[] payload)
    {
        payload = [];
        if (RandomAccess.Read(_handle!, _header, _offset) < SpoolRecord.HeaderBytes
            || !SpoolRecord.TryReadHeader(_header, out var length, out var checksum))
        {
            return false;
        }

        payload = new byte[length];
        if (RandomAccess.Read(_handle!, payload, _offset + SpoolRecord.HeaderBytes) < length || !SpoolRecord.Verify(payload, checksum))
        {
            return false;
        }

        _offset += SpoolRecord.HeaderBytes + length;
        return true;
    }
}
