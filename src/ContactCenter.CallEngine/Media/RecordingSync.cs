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
/// </summary>
internal sealed class RecordingSync
{
    private const int MaxBatch = 1_024;
    private readonly BlockingCollection<Pending> _queue = [];

    private RecordingSync()
    {
        new Thread(Run) { IsBackground = true, Name = "Recording sync" }.Start();
    }

    /// <summary>The one instance (a thread that lives as long as the process).</summary>
    public static RecordingSync Shared { get; } = new();

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
        foreach (var first in _queue.GetConsumingEnumerable())
        {
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
