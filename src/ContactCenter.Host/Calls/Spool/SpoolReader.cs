using Microsoft.Win32.SafeHandles;

namespace ContactCenter.Host.Calls.Spool;

/// <summary>
/// Reads a spool's records in order, from the first one after <paramref name="after"/>; one reader per cursor. A record
/// still in the spool's memory (<see cref="SpoolTail"/>) is read from there, any other from its segment file.
/// </summary>
internal sealed class SpoolReader(CallEventSpool spool, long after) : IDisposable
{
    private readonly byte[] _header = new byte[SpoolRecord.HeaderBytes];
    private readonly SpoolPayloadBuffer _payloads = new();
    private SafeFileHandle? _handle;
    private long _handleSegment;
    private long _segment; // the segment of the next record ...
    private long _offset;  // ... and where it starts there, once known (after a read)
    private bool _positioned;
    private long _next = after + 1;

    /// <summary>The number of the next record to read.</summary>
    public long NextSequence => _next;

    /// <summary>
    /// Reads up to <paramref name="max"/> records, none past <see cref="CallEventSpool.DurableSequence"/>. The payloads
    /// are valid until the next call.
    /// </summary>
    public List<(long Sequence, ReadOnlyMemory<byte> Payload)> Read(int max)
    {
        _payloads.Reset();
        var records = new List<(long, ReadOnlyMemory<byte>)>();
        var durable = spool.DurableSequence;
        IReadOnlyList<long>? starts = null;
        while (records.Count < max && _next <= durable)
        {
            if (spool.TryReadRecent(_next, _payloads, out var recent, out var recentSegment, out var end))
            {
                records.Add((_next++, recent));
                (_segment, _offset, _positioned) = (recentSegment, end, true);
                if (_handle is not null && _handleSegment != recentSegment)
                {
                    // Back in memory after reading the files: no handle keeps a segment the spool deletes on the disk.
                    _handle.Dispose();
                    _handle = null;
                }

                continue;
            }

            starts ??= spool.SegmentStarts();
            var segment = starts.LastOrDefault(s => s <= _next);
            if (!_positioned || segment != _segment)
            {
                Position(segment);
            }

            if (!TryReadOne(out var payload))
            {
                // A record the spool says is durable is unreadable (damaged disk): skip to the next segment, if any.
                var later = starts.FirstOrDefault(s => s > _segment);
                if (later == 0)
                {
                    break;
                }

                (_next, _positioned) = (later, false);
                continue;
            }

            records.Add((_next++, payload));
        }

        return records;
    }

    /// <inheritdoc />
    public void Dispose() => _handle?.Dispose();

    // Finds where the next record starts in segment: its first records are skipped (after a start, when the checkpoint is
    // mid-segment, or when a reader fell behind the memory in another segment).
    private void Position(long segment)
    {
        (_segment, _offset, _positioned) = (segment, 0, true);
        var handle = OpenSegment();
        for (var sequence = segment; sequence < _next; sequence++)
        {
            // Records before the cursor were taken already: their lengths are enough.
            if (RandomAccess.Read(handle, _header, _offset) < SpoolRecord.HeaderBytes || !SpoolRecord.TryReadHeader(_header, out var length, out _))
            {
                break;
            }

            _offset += SpoolRecord.HeaderBytes + length;
        }
    }

    private bool TryReadOne(out ReadOnlyMemory<byte> payload)
    {
        payload = default;
        var handle = OpenSegment();
        if (RandomAccess.Read(handle, _header, _offset) < SpoolRecord.HeaderBytes
            || !SpoolRecord.TryReadHeader(_header, out var length, out var checksum))
        {
            return false;
        }

        var room = _payloads.Take(length);
        if (RandomAccess.Read(handle, room.Span, _offset + SpoolRecord.HeaderBytes) < length || !SpoolRecord.Verify(room.Span, checksum))
        {
            return false;
        }

        _offset += SpoolRecord.HeaderBytes + length;
        payload = room;
        return true;
    }

    // The current segment's file, opened once per segment.
    private SafeFileHandle OpenSegment()
    {
        if (_handle is null || _handleSegment != _segment)
        {
            _handle?.Dispose();
            _handle = File.OpenHandle(spool.SegmentPath(_segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _handleSegment = _segment;
        }

        return _handle;
    }
}
