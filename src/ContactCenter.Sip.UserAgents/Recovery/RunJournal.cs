using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Recovery;

/// <summary>
/// Small entries that live as long as something in the process does (a dialog, a call), for crash recovery (issue #15).
/// Each run of the process writes into its own sub-folder (<c>run-*</c>, mode 0700) one append-only log
/// (<see cref="JournalLog"/>): an entry written is a record, an entry ended is a delete record, so a call costs appends to
/// one open file rather than files created and deleted (issue #14: the file system's inode work was a tenth of the host's
/// CPU at 300 calls/s). One writer does the work off the callers' paths and applies what was queued together as one write:
/// an entry written and ended within one batch never reaches the disk. A batch is what arrives within
/// <see cref="BatchWindow"/> of its first operation, so at hundreds of calls a second the writer wakes and writes once
/// per window rather than once per dialog (issue #14). The log is not fsynced: a killed process loses
/// nothing written (the page cache outlives the process); a power cut ends the calls anyway. When the log grows well past
/// what is live, the live entries are rewritten into a fresh log that replaces it (rename). What earlier runs left behind
/// are <see cref="Orphans"/>: things a crash left open. A run holds an exclusive lock on its folder's <c>.lock</c> while it
/// lives (released by the kernel when the process dies), so a run still alive - a second process pointed at the same
/// folder by mistake - is never taken for a dead one. Writes never throw: the first failure is logged.
/// </summary>
public sealed partial class RunJournal : IDisposable
{
    private const string LockName = ".lock";
    private const long CompactAbove = 4 << 20;

    /// <summary>How long the writer gathers operations after the first of a batch (what a crash can lose).</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(10);

    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _flushRequested = new(); // ends the current gathering early (a flush, or stopping)
    private volatile bool _gathering;
    private readonly string _run;
    private readonly FileStream _lock;
    private readonly ILogger _logger;
    private readonly Channel<JournalOp> _pending = Channel.CreateUnbounded<JournalOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, byte[]> _live = new(StringComparer.Ordinal); // the writer's own
    private readonly ArrayBufferWriter<byte> _buffer = new(4096); // the writer's own
    private readonly Lock _orphansLock = new();
    private readonly List<JournalEntry> _orphans;
    private readonly Task _writer;
    private JournalFile? _log;
    private long _liveBytes;
    private long _compactAbove = CompactAbove;
    private int _failures;

    /// <summary>Opens <paramref name="directory"/> (created, mode 0700) and starts this run's sub-folder in it.</summary>
    public RunJournal(string directory, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var root = Path.GetFullPath(directory);
        (_logger, _time) = (logger, time);
        CreatePrivateDirectory(root);
        _run = Path.Combine(root, string.Create(CultureInfo.InvariantCulture,
            $"run-{time.GetUtcNow():yyyyMMddTHHmmssfff}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"));
        CreatePrivateDirectory(_run);
        _lock = new FileStream(Path.Combine(_run, LockName), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        var deadRuns = Directory.GetDirectories(root, "run-*").Where(d => d != _run && IsDead(d)).Order(StringComparer.Ordinal).ToList();
        _orphans = [.. deadRuns.SelectMany(JournalLog.ReadLive)];
        foreach (var run in deadRuns.Where(d => !_orphans.Exists(o => o.Run == d)))
        {
            TryDeleteRun(run); // a dead run that left nothing open
        }

        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The entries earlier runs left open and not resolved yet, oldest run first.</summary>
    public IReadOnlyList<JournalEntry> Orphans
    {
        get
        {
            lock (_orphansLock)
            {
                return [.. _orphans];
            }
        }
    }

    /// <summary>
    /// Writes (or replaces) this run's entry <paramref name="key"/> (letters, digits, '-' only, at most 255). The caller
    /// is on a signalling or call path, so the file work is queued for one writer (<see cref="Dispose"/> finishes it).
    /// </summary>
    public void Write(string key, ReadOnlySpan<byte> content) => _pending.Writer.TryWrite(new JournalOp(key, content.ToArray(), null));

    /// <summary>Deletes this run's entry <paramref name="key"/> (nothing when there is none); queued like <see cref="Write"/>.</summary>
    public void Delete(string key) => _pending.Writer.TryWrite(new JournalOp(key, null, null));

    /// <summary>Completes once everything queued before it is in the log.</summary>
    public Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite(new JournalOp(null, null, flushed)))
        {
            return _writer;
        }

        Volatile.Read(ref _flushRequested).TrySetResult(); // after the write: a gathering that began before it ends now
        return flushed.Task;
    }

    /// <summary>Finishes the queued work (shutdown) and gives up the run's lock.</summary>
    public void Dispose()
    {
        if (!_pending.Writer.TryComplete())
        {
            return; // disposed already
        }

        _stopping.Cancel(); // a batch being gathered is written now
        _writer.GetAwaiter().GetResult();
        _stopping.Dispose();
        _log?.Dispose();
        _lock.Dispose();
    }

    /// <summary>
    /// Marks an orphan as dealt with: a delete record in its run's log (so a crash during recovery does not repeat it),
    /// and the run's folder removed once nothing of it is left. Safe to call for several orphans side by side.
    /// </summary>
    public void Resolve(JournalEntry orphan)
    {
        ArgumentNullException.ThrowIfNull(orphan);
        // One at a time (recovery resolves side by side): a delete record never lands in a run folder being removed.
        lock (_orphansLock)
        {
            if (!_orphans.Remove(orphan))
            {
                return;
            }

            if (!_orphans.Exists(o => o.Run == orphan.Run))
            {
                TryDeleteRun(orphan.Run);
                return;
            }

            try
            {
                JournalLog.Forget(orphan);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogResolveFailed(_logger, ex, orphan.Run);
            }
        }
    }

    // The one writer. What is queued together is applied as its last state per entry, so a call that ended before its
    // entry reached the log costs nothing at all; a crash loses only what was queued (the last milliseconds).
    private async Task WriteLoopAsync()
    {
        var batch = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var flushes = new List<TaskCompletionSource>();
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Published before the first take: a flush queued after that take completes this very signal.
            var flushRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _flushRequested, flushRequested);
            Take(batch, flushes);
            if (flushes.Count == 0 && !_stopping.IsCancellationRequested)
            {
                _gathering = true;
                // Stopping cancels the delay and a flush completes the signal: either way what was gathered goes now.
                await Task.WhenAny(Task.Delay(BatchWindow, _time, _stopping.Token), flushRequested.Task).ConfigureAwait(false);
                _gathering = false;
                Take(batch, flushes);
            }

            Apply(batch);
            batch.Clear();
            flushes.ForEach(f => f.TrySetResult());
            flushes.Clear();
        }
    }

    /// <summary>True while the writer gathers a batch (tests).</summary>
    internal bool Gathering => _gathering;

    private void Take(Dictionary<string, byte[]?> batch, List<TaskCompletionSource> flushes)
    {
        while (_pending.Reader.TryRead(out var op))
        {
            if (op.Key is null)
            {
                flushes.Add(op.Flushed!);
            }
            else
            {
                batch[op.Key] = op.Content;
            }
        }
    }

    private void Apply(Dictionary<string, byte[]?> batch)
    {
        _buffer.ResetWrittenCount();
        foreach (var (key, content) in batch)
        {
            if (content is not null)
            {
                _liveBytes += content.Length - (_live.TryGetValue(key, out var old) ? old.Length : 0);
                _live[key] = content;
                JournalLog.AppendRecord(_buffer, key, content);
            }
            else if (_live.Remove(key, out var old))
            {
                _liveBytes -= old.Length;
                JournalLog.AppendRecord(_buffer, key, null);
            }
        }

        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        try
        {
            _log ??= JournalFile.Create(Path.Combine(_run, JournalLog.FileName));
            _log.Append(_buffer.WrittenSpan);
            if (_log.Length > _compactAbove && _log.Length > 4 * (_liveBytes + (_live.Count * 64L)))
            {
                _compactAbove = _log.Length + CompactAbove; // a compaction that fails is tried again only after as much again
                Compact();
                _compactAbove = CompactAbove;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (Interlocked.Increment(ref _failures) == 1)
            {
                LogWriteFailed(_logger, ex, _run);
            }
        }
    }

    // The live entries into a fresh log, renamed over the old one: a crash in between leaves one or the other whole.
    private void Compact()
    {
        var path = Path.Combine(_run, JournalLog.FileName);
        var fresh = path + ".new";
        _buffer.ResetWrittenCount();
        foreach (var (key, content) in _live)
        {
            JournalLog.AppendRecord(_buffer, key, content);
        }

        var log = JournalFile.Create(fresh);
        try
        {
            log.Append(_buffer.WrittenSpan);
            File.Move(fresh, path, overwrite: true);
        }
        catch
        {
            log.Dispose();
            File.Delete(fresh);
            throw;
        }

        _log?.Dispose();
        _log = log;
    }

    private void TryDeleteRun(string run)
    {
        try
        {
            Directory.Delete(run, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogResolveFailed(_logger, ex, run);
        }
    }

    // A run whose lock can be taken is over (its process is gone); its lock file goes, so only its entries remain.
    private static bool IsDead(string run)
    {
        var path = Path.Combine(run, LockName);
        try
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
            }

            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false; // held: that run is alive
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [LoggerMessage(EventId = 3120, Level = LogLevel.Warning, Message = "The crash-recovery journal in {Directory} cannot be written: calls open at a crash will not be ended")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 3123, Level = LogLevel.Warning, Message = "A resolved crash-recovery entry of {Directory} could not be marked; it may be ended again at the next start")]
    private static partial void LogResolveFailed(ILogger logger, Exception exception, string directory);

    // An entry to write (Content), to delete (no Content), or a flush marker (no Key).
    private readonly record struct JournalOp(string? Key, byte[]? Content, TaskCompletionSource? Flushed);
}
