using System.Diagnostics;
using System.Text;

namespace ContactCenter.TestKit;

/// <summary>
/// A peer or server run in the background for a test: its output captured as it comes, killed with its children on
/// dispose, and its working folder (a temp folder) deleted.
/// </summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int _disposed;

    private BackgroundProcess(Process process, string? folder)
    {
        _process = process;
        Folder = folder;
    }

    /// <summary>The process's own temp folder, deleted on dispose (null: none).</summary>
    public string? Folder { get; }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Waits up to <paramref name="timeout"/> for the process to end by itself; true when it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What the process printed so far (standard output and error, as they came).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="info"/> (its output redirected here) with <paramref name="folder"/> as the folder to delete afterwards.</summary>
    public static BackgroundProcess Start(ProcessStartInfo info, string? folder)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start " + info.FileName);
        var started = new BackgroundProcess(process, folder);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>A new empty temp folder named after <paramref name="prefix"/>.</summary>
    public static string NewFolder(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // stopped already (a test that stops a server before the rig disposes it)
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Folder is null)
        {
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // the process may still be closing its files; the folder is in /tmp.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
