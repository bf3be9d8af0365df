using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Recovery;

/// <summary>
/// A folder of small entries that live as long as something in the process does (a dialog, a call), for crash recovery
/// (issue #15). Each run of the process writes into its own sub-folder (<c>run-*</c>, mode 0700), one file per entry,
/// deleted when the thing it stands for ends; one writer does the file work off the callers' paths. A file is written with
/// one write to the kernel and not fsynced: a killed process loses nothing written (the page cache outlives the
/// process); a power cut ends the calls anyway. What earlier
/// runs left behind are <see cref="Orphans"/>: things a crash left open. A run holds an exclusive lock on its folder's
/// <c>.lock</c> while it lives (released by the kernel when the process dies), so a run still alive - a second process
/// pointed at the same folder by mistake - is never taken for a dead one. Writes never throw: the first failure is logged.
/// </summary>
public sealed partial class RunJournal : IDisposable
{
    private const string LockName = ".lock";
    private readonly string _run;
    private readonly FileStream _lock;
    private readonly string[] _earlierRuns;
    private readonly ILogger _logger;
    private readonly Channel<JournalOp> _pending = Channel.CreateUnbounded<JournalOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private int _failures;

    /// <summary>Opens <paramref name="directory"/> (created, mode 0700) and starts this run's sub-folder in it.</summary>
    public RunJournal(string directory, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var root = Path.GetFullPath(directory);
        _logger = logger;
        CreatePrivateDirectory(root);
        _run = Path.Combine(root, string.Create(CultureInfo.InvariantCulture,
            $"run-{time.GetUtcNow():yyyyMMddTHHmmssfff}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"));
        CreatePrivateDirectory(_run);
        _lock = new FileStream(Path.Combine(_run, LockName), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        _earlierRuns = [.. Directory.GetDirectories(root, "run-*").Where(d => d != _run && IsDead(d))];
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The entries earlier runs left (their files), oldest run first.</summary>
    public IReadOnlyList<string> Orphans => [.. _earlierRuns.Order(StringComparer.Ordinal).Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d, "*.entry"))];

    /// <summary>
    /// Writes (or replaces) this run's entry <paramref name="key"/> (letters, digits, '-' only). The caller is on a
    /// signalling or call path, so the file work is queued for one writer (<see cref="Dispose"/> finishes it).
    /// </summary>
    public void Write(string key, ReadOnlySpan<byte> content) => _pending.Writer.TryWrite(new JournalOp(key, content.ToArray(), null));

    /// <summary>Deletes this run's entry <paramref name="key"/> (nothing when there is none); queued like <see cref="Write"/>.</summary>
    public void Delete(string key) => _pending.Writer.TryWrite(new JournalOp(key, null, null));

    /// <summary>Completes once everything queued before it is on disk.</summary>
    public Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _pending.Writer.TryWrite(new JournalOp(null, null, flushed)) ? flushed.Task : _writer;
    }

    /// <summary>Finishes the queued work (shutdown) and gives up the run's lock.</summary>
    public void Dispose()
    {
        _pending.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        _lock.Dispose();
    }

    // The one writer. What is queued together is applied as its last state per entry, so a call that ended before its
    // entry reached the disk costs no file at all; a crash loses only what was queued (the last milliseconds).
    private async Task WriteLoopAsync()
    {
        var batch = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var flushes = new List<TaskCompletionSource>();
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
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

            foreach (var (key, content) in batch)
            {
                try
                {
                    if (content is null)
                    {
                        File.Delete(FileOf(key));
                    }
                    else
                    {
                        File.WriteAllBytes(FileOf(key), content);
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

            batch.Clear();
            flushes.ForEach(f => f.TrySetResult());
            flushes.Clear();
        }
    }

    /// <summary>Deletes an orphan once it was dealt with, and earlier runs' folders once they are empty.</summary>
    public void Resolve(string orphan)
    {
        ArgumentNullException.ThrowIfNull(orphan);
        try
        {
            File.Delete(orphan);
            var run = Path.GetDirectoryName(orphan);
            if (run is not null && _earlierRuns.Contains(run, StringComparer.Ordinal) && !Directory.EnumerateFileSystemEntries(run).Any())
            {
                Directory.Delete(run);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Orphans are resolved side by side: another one emptied and removed the run folder first.
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

    private string FileOf(string key) => Path.Combine(_run, key + ".entry");

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

    // An entry to write (Content), to delete (no Content), or a flush marker (no Key).
    private readonly record struct JournalOp(string? Key, byte[]? Content, TaskCompletionSource? Flushed);
}
