using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Recovery;

/// <summary>
/// A folder of small entries that live as long as something in the process does (a dialog, a call), for crash recovery
/// (issue #15). Each run of the process writes into its own sub-folder (<c>run-*</c>, mode 0700), one file per entry,
/// deleted when the thing it stands for ends. A file is written with one write to the kernel and not fsynced: a killed
/// process loses nothing of it (the page cache outlives the process); a power cut ends the calls anyway. What earlier
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
    }

    /// <summary>The entries earlier runs left (their files), oldest run first.</summary>
    public IReadOnlyList<string> Orphans => [.. _earlierRuns.Order(StringComparer.Ordinal).Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d, "*.entry"))];

    /// <summary>Writes (or replaces) this run's entry <paramref name="key"/> (letters, digits, '-' only).</summary>
    public void Write(string key, ReadOnlySpan<byte> content)
    {
        try
        {
            File.WriteAllBytes(FileOf(key), content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (Interlocked.Increment(ref _failures) == 1)
            {
                LogWriteFailed(_logger, ex, _run);
            }
        }
    }

    /// <summary>Deletes this run's entry <paramref name="key"/> (nothing when there is none).</summary>
    public void Delete(string key)
    {
        try
        {
            File.Delete(FileOf(key));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (Interlocked.Increment(ref _failures) == 1)
            {
                LogWriteFailed(_logger, ex, _run);
            }
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

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

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
}
