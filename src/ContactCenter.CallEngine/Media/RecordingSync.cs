using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ContactCenter.CallEngine.Media;

/// <summary>
/// Makes finished recordings durable in groups (issue #14): one thread of its own takes every recording that finished
/// meanwhile, flushes them to disk together (on Linux one <c>syncfs</c> per file system instead of an <c>fsync</c> per
/// file) and only then renames each from its part name to its final name, so a file under its final name is always
/// complete. Before, each call's clean-up blocked a thread-pool thread in its own fsync: on a journaled volume at
/// 1,000 calls/s the pool ran out of threads, calls waited for their clean-up and admission control refused new ones.
/// Syncs are at least <see cref="DefaultWindow"/> apart: recordings that finish within one wait for its end and share
/// the next sync (a sync of a journaled file system commits its journal; at 600 calls/s one per few recordings was a
/// few per cent of the host's CPU). A recording that finishes after a quiet spell is synced at once.
/// </summary>
internal sealed class RecordingSync : IDisposable
{
    /// <summary>The least time between two syncs of <see cref="Shared"/>: what a call's clean-up may wait at most for others to join.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(20);

    private const int MaxBatch = 1_024;
    private readonly BlockingCollection<Pending> _queue = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;

    /// <summary>An instance with a thread of its own (tests make their own, with a fake clock).</summary>
    internal RecordingSync(TimeProvider time, TimeSpan window)
    {
        (_time, _window) = (time, window);
        new Thread(Run) { IsBackground = true, Name = "Recording sync" }.Start();
    }

    /// <summary>The one instance the engine uses (a thread that lives as long as the process).</summary>
    public static RecordingSync Shared { get; } = new(TimeProvider.System, DefaultWindow);

    /// <summary>Ends the thread once the recordings handed in are done (tests; <see cref="Shared"/> lives as long as the process).</summary>
    public void Dispose() => _queue.CompleteAdding();

    /// <summary>Completes once <paramref name="partPath"/> is on disk and renamed to <paramref name="path"/>; throws what the rename threw.</summary>
    public Task CompleteAsync(string partPath, string path)
    {
        var pending = new Pending(partPath, path, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Add(pending);
        return pending.Done.Task;
    }

    private void Run()
    {
        var batch = new List<Pending>(MaxBatch);
        long? lastStarted = null;
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            if (lastStarted is { } last && _window - _time.GetElapsedTime(last) is { Ticks: > 0 } rest)
            {
                // Within the last sync's window: the recordings finishing meanwhile join this one. On the system's clock the
                // thread sleeps in the kernel (a timer's callback would need a thread-pool thread to wake it).
                if (_time == TimeProvider.System)
                {
                    Thread.Sleep(rest);
                }
                else
                {
                    Task.Delay(rest, _time).Wait();
                }
            }

            lastStarted = _time.GetTimestamp();
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var more))
            {
                batch.Add(more);
            }

            Flush(batch);
            foreach (var pending in batch)
            {
                if (pending.Failure is { } failure)
                {
                    pending.Done.TrySetException(failure); // not known to be on disk: the caller salvages or drops it
                    continue;
                }

                try
                {
                    File.Move(pending.PartPath, pending.Path, overwrite: true);
                    pending.Done.TrySetResult();
                }
#pragma warning disable CA1031 // Whatever the rename threw is the recording's problem, reported to its call; the thread goes on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    pending.Done.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    // One syncfs per folder of the batch (normally one: the day's), else an fsync per file; a file whose flush failed
    // is not renamed, its caller gets the error (as with the fsync per call before).
    private static void Flush(List<Pending> batch)
    {
        var synced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            var folder = Path.GetDirectoryName(pending.PartPath) ?? string.Empty;
            if (synced.Contains(folder))
            {
                continue; // flushed with its folder's file system: no handle of its own needed
            }

            try
            {
                using var handle = File.OpenHandle(pending.PartPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
                if (OperatingSystem.IsLinux() && Native.syncfs(handle) == 0)
                {
                    synced.Add(folder);
                    continue;
                }

                RandomAccess.FlushToDisk(handle);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                pending.Failure = ex;
            }
        }
    }

    private sealed record Pending(string PartPath, string Path, TaskCompletionSource Done)
    {
        public Exception? Failure { get; set; }
    }

    private static class Native
    {
        // syncfs(2): flushes the whole file system that holds the file (Linux 2.6.39+; glibc 2.14+).
        [DllImport("libc", SetLastError = true)]
#pragma warning disable CA5392, SYSLIB1054 // libc is the system's; a P/Invoke without the source generator needs no unsafe code here.
        public static extern int syncfs(SafeFileHandle fd);
#pragma warning restore CA5392, SYSLIB1054
    }
}
