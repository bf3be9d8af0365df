using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace ContactCenter.Host.Calls.Spool;

/// <summary>
/// A write-ahead log of call events on local disk. <see cref="TryAppend"/> writes a record straight to the kernel (no
/// user-space buffer), so a crash of the process loses nothing; <see cref="FlushToDisk"/> makes everything appended so
/// far durable with one fsync (group commit: every append made while the previous fsync ran shares the next one). The
/// last records written stay in memory as well (<see cref="SpoolTail"/>), so readers that keep up read no file.
/// Records are numbered. Each reader of the spool has a cursor (<see cref="SpoolCursor"/>, its own checkpoint file): the
/// bus's, and on one machine the CRM's, which moves only after the call log committed. A reader reads in order up to
/// <see cref="DurableSequence"/> and commits its cursor when its consumer has the records; a segment is deleted once
/// every cursor is past it.
/// </summary>
internal sealed partial class CallEventSpool : IDisposable
{
    private const string SegmentSuffix = ".spool";
    private const string CheckpointName = "checkpoint";

    /// <summary>The cursor whose checkpoint file is the spool's original one (<c>checkpoint</c>): the bus's.</summary>
    public const string BusCursor = "bus";

    private readonly Lock _lock = new();
    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly ILogger _logger;
    private readonly FileStream _folderLock;
    private readonly List<long> _segmentStarts;
    private readonly SpoolTail _tail;
    private SafeFileHandle _handle;
    private long _offset;
    private long _nextSequence;
    private long _durableSequence;
    private bool _failing;

    private CallEventSpool(string directory, long segmentBytes, ILogger logger, FileStream folderLock, List<long> segmentStarts,
        SafeFileHandle handle, long offset, long nextSequence, IReadOnlyDictionary<string, long> checkpoints, int tailBytes)
    {
        (_directory, _segmentBytes, _logger, _folderLock, _segmentStarts) = (directory, segmentBytes, logger, folderLock, segmentStarts);
        _tail = new SpoolTail(tailBytes);
        (_handle, _offset, _nextSequence, _durableSequence) = (handle, offset, nextSequence, nextSequence - 1);
        Cursors = checkpoints.ToDictionary(c => c.Key, c => new SpoolCursor(this, c.Key, c.Value), StringComparer.Ordinal);
    }

    /// <summary>The spool's cursors by name, as opened.</summary>
    public IReadOnlyDictionary<string, SpoolCursor> Cursors { get; }

    /// <summary>The spool folder.</summary>
    public string Directory => _directory;

    /// <summary>The number of the last record appended (0 before the first).</summary>
    public long AppendedSequence
    {
        get { lock (_lock) { return _nextSequence - 1; } }
    }

    /// <summary>True while the disk refuses writes (since the last failed append).</summary>
    public bool Failing
    {
        get { lock (_lock) { return _failing; } }
    }

    /// <summary>The number of the last record known to be on disk.</summary>
    public long DurableSequence => Interlocked.Read(ref _durableSequence);

    /// <summary>The number of the last record every cursor's checkpoint file has passed (what no restart needs any more).</summary>
    public long CommittedSequence => Cursors.Values.Min(c => c.Saved);

    /// <summary>
    /// Opens (creating) the spool in <paramref name="directory"/>, takes its lock, and recovers: a torn record at the end
    /// of the last segment (a crash mid-write) is cut off; every whole record after a cursor's checkpoint is kept for that
    /// cursor's replay. A cursor without a checkpoint yet (a reader added since the last run) starts where the one furthest
    /// behind stands: its consumer may see a few events twice (every consumer is idempotent), never miss one.
    /// <paramref name="tailBytes"/> of the last records written are kept in memory for the readers.
    /// </summary>
    public static CallEventSpool Open(string directory, long segmentBytes, ILogger logger, IReadOnlyCollection<string>? cursors = null,
        int tailBytes = SpoolTail.DefaultBytes)
    {
        cursors ??= [BusCursor];
        if (cursors.Count == 0)
        {
            throw new ArgumentException("A spool needs at least one cursor.", nameof(cursors));
        }

        System.IO.Directory.CreateDirectory(directory);
        FileStream folderLock;
        try
        {
            folderLock = new FileStream(Path.Combine(directory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new Configuration.StartupFailureException(CallEventSpoolOptions.Section + ":Directory",
                $"the call-event spool {directory} is in use by another process ({ex.Message}); give each host its own folder.", ex);
        }

        var saved = cursors.ToDictionary(c => c, c => ReadCheckpoint(directory, c), StringComparer.Ordinal);
        var known = saved.Values.OfType<long>().ToList();
        var floor = known.Count == 0 ? 0 : known.Min();
        var checkpoints = saved.ToDictionary(c => c.Key, c => c.Value ?? floor, StringComparer.Ordinal);
        foreach (var added in saved.Where(c => c.Value is null))
        {
            // Saved now: a new reader that fails from the start (its store down) must not start again at the others' place.
            WriteCheckpoint(directory, added.Key, floor);
        }

        var committed = checkpoints.Values.Min();
        var starts = System.IO.Directory.GetFiles(directory, "*" + SegmentSuffix)
            .Select(f => long.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1)
            .Where(s => s > 0).Order().ToList();
        if (starts.Count == 0)
        {
            starts.Add(committed + 1);
        }

        var last = starts[^1];
        var path = SegmentPath(directory, last);
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var (count, end) = ScanSegment(handle);
        var length = RandomAccess.GetLength(handle);
        if (end < length)
        {
            LogTornTail(logger, path, length - end);
            RandomAccess.SetLength(handle, end);
        }

        RandomAccess.FlushToDisk(handle);
        var next = Math.Max(last + count, committed + 1);
        var spool = new CallEventSpool(directory, segmentBytes, logger, folderLock, starts, handle, end, next, checkpoints, tailBytes);
        if (next - 1 > committed)
        {
            LogReplaying(logger, next - 1 - committed, directory);
        }

        return spool;
    }

    /// <summary>
    /// Appends one record and returns its number, or null when the disk refused it (full, failing): the caller keeps the
    /// event another way. Never throws for I/O.
    /// </summary>
    public long? TryAppend(ReadOnlySpan<byte> payload)
    {
        var length = SpoolRecord.HeaderBytes + payload.Length;
        lock (_lock)
        {
            try
            {
                if (_offset > 0 && _offset + length > _segmentBytes)
                {
                    Roll();
                }

                // Encoded in the tail's ring, written to the kernel from there, and left there for the readers. A write
                // that fails gives up its room in the ring (its bytes may already cover older records).
                var record = _tail.Reserve(length, out var position);
                var kept = !record.IsEmpty;
                if (!kept)
                {
                    record = new byte[length];
                }

                SpoolRecord.Encode(payload, record);
                RandomAccess.Write(_handle, record, _offset);
                if (kept)
                {
                    _tail.Add(_nextSequence, position, length, _segmentStarts[^1], _offset);
                }

                _offset += length;
                _failing = false;
                return _nextSequence++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (!_failing)
                {
                    LogAppendFailed(_logger, ex, _directory);
                }

                _failing = true;
                return null;
            }
        }
    }

    /// <summary>Makes every record appended so far durable (one fsync); returns the new <see cref="DurableSequence"/>.</summary>
    public long FlushToDisk()
    {
        while (true)
        {
            SafeFileHandle handle;
            long upTo;
            lock (_lock)
            {
                (handle, upTo) = (_handle, _nextSequence - 1);
            }

            if (upTo <= DurableSequence)
            {
                return upTo;
            }

            try
            {
                // Outside the lock: appends go on while the disk syncs, and share the next fsync.
                RandomAccess.FlushToDisk(handle);
            }
            catch (ObjectDisposedException)
            {
                continue; // a roll synced and closed that segment meanwhile: sync the new one
            }

            Interlocked.Exchange(ref _durableSequence, upTo);
            return upTo;
        }
    }

    /// <summary>
    /// Copies record <paramref name="sequence"/>'s payload to <paramref name="into"/> when it is still in memory, and says
    /// where the record lies in the files: the first record of <paramref name="segment"/>, the record's end at
    /// <paramref name="end"/>. False when only the files have it.
    /// </summary>
    internal bool TryReadRecent(long sequence, SpoolPayloadBuffer into, out ReadOnlyMemory<byte> payload, out long segment, out long end)
    {
        lock (_lock)
        {
            if (!_tail.TryGet(sequence, out var record, out segment, out var offset))
            {
                (payload, end) = (default, 0);
                return false;
            }

            payload = into.Add(record[SpoolRecord.HeaderBytes..]);
            end = offset + record.Length;
            return true;
        }
    }

    /// <summary>Writes cursor <paramref name="cursor"/>'s checkpoint file (under the cursor's own lock).</summary>
    internal void SaveCheckpoint(string cursor, long sequence) => WriteCheckpoint(_directory, cursor, sequence);

    /// <summary>Deletes the segments every cursor's checkpoint file is past.</summary>
    internal void DropPassedSegments()
    {
        var wanted = CommittedSequence;
        List<long> drop;
        lock (_lock)
        {
            // A segment may go when the next one starts at or before the first record still wanted.
            drop = [.. _segmentStarts.Where((start, i) => i + 1 < _segmentStarts.Count && _segmentStarts[i + 1] <= wanted + 1)];
            _segmentStarts.RemoveAll(drop.Contains);
        }

        foreach (var start in drop)
        {
            File.Delete(SegmentPath(_directory, start));
        }
    }

    /// <summary>The segments present now, by the number of their first record.</summary>
    public IReadOnlyList<long> SegmentStarts()
    {
        lock (_lock)
        {
            return [.. _segmentStarts];
        }
    }

    /// <summary>The file of the segment whose first record is <paramref name="start"/>.</summary>
    public string SegmentPath(long start) => SegmentPath(_directory, start);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var cursor in Cursors.Values)
        {
            try
            {
                cursor.Save(); // a save put off (CheckpointInterval) is not replayed after a clean stop
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The next start replays from the last saved checkpoint; consumers ignore the duplicates.
            }
        }

        lock (_lock)
        {
            if (_handle.IsClosed)
            {
                return; // disposed already (the publisher disposes it on stop; the container again at the end)
            }

            try
            {
                RandomAccess.FlushToDisk(_handle);
            }
            catch (IOException)
            {
                // Closing anyway; the records are in the kernel's cache and the next start re-reads them.
            }

            _handle.Dispose();
            _folderLock.Dispose();
        }
    }

    /// <summary>Counts the whole records of a segment; returns their count and where the last one ends.</summary>
    internal static (long Count, long End) ScanSegment(SafeFileHandle handle)
    {
        var length = RandomAccess.GetLength(handle);
        var header = new byte[SpoolRecord.HeaderBytes];
        long offset = 0, count = 0;
        while (offset + SpoolRecord.HeaderBytes <= length)
        {
            RandomAccess.Read(handle, header, offset);
            if (!SpoolRecord.TryReadHeader(header, out var size, out var checksum) || offset + SpoolRecord.HeaderBytes + size > length)
            {
                break;
            }

            var payload = new byte[size];
            RandomAccess.Read(handle, payload, offset + SpoolRecord.HeaderBytes);
            if (!SpoolRecord.Verify(payload, checksum))
            {
                break;
            }

            offset += SpoolRecord.HeaderBytes + size;
            count++;
        }

        return (count, offset);
    }

    private static string SegmentPath(string directory, long start) =>
        Path.Combine(directory, start.ToString("D20", CultureInfo.InvariantCulture) + SegmentSuffix);

    // The bus's cursor keeps the spool's original file name, so a spool written before cursors existed reads the same.
    private static string CheckpointFile(string cursor) => cursor == BusCursor ? CheckpointName : CheckpointName + "-" + cursor;

    private static void WriteCheckpoint(string directory, string cursor, long sequence)
    {
        var temporary = Path.Combine(directory, CheckpointFile(cursor) + ".tmp");
        File.WriteAllText(temporary, sequence.ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, Path.Combine(directory, CheckpointFile(cursor)), overwrite: true);
    }

    private static long? ReadCheckpoint(string directory, string cursor)
    {
        var path = Path.Combine(directory, CheckpointFile(cursor));
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    // Called under the lock: the full segment is synced and closed, the next one starts at the next record number.
    private void Roll()
    {
        RandomAccess.FlushToDisk(_handle);
        var next = File.OpenHandle(SegmentPath(_directory, _nextSequence), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        _handle.Dispose();
        _handle = next;
        _offset = 0;
        _segmentStarts.Add(_nextSequence);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call-event spool {Path}: cut {Bytes} bytes of a record torn by a crash")]
    private static partial void LogTornTail(ILogger logger, string path, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call-event spool: {Count} events not yet on the bus are replayed from {Directory}")]
    private static partial void LogReplaying(ILogger logger, long count, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call-event spool {Directory} refused a write; events are kept in memory until it works again")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string directory);
}
