using System.Globalization;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.Media.Audio;

namespace ContactCenter.CallEngine.Media;

/// <summary>
/// The file of one recording (a call's, or a voicemail): made under the recordings folder by day as
/// <c>CALLID.wav.part</c>, readable by the service's user only, and on <see cref="CompleteAsync"/> flushed to the disk and
/// renamed to <c>CALLID.wav</c>, so a crash or a full disk never leaves a file that looks complete.
/// </summary>
internal sealed class RecordingFile
{
    [ThreadStatic]
    private static string? t_folder; // the last day's folder this thread made sure of

    private RecordingFile(string path, FileStream stream)
    {
        Path = path;
        Stream = stream;
    }

    /// <summary>The full path of the WAV file (there once completed).</summary>
    public string Path { get; }

    /// <summary>The stream being written (the part file).</summary>
    public FileStream Stream { get; }

    private string PartPath => Path + ".part";

    /// <summary>
    /// Makes the part file for <paramref name="callId"/>; throws <see cref="IOException"/> when it cannot be made or the
    /// volume is nearly full (<see cref="RecordingOptions.MinFreeMegabytes"/>).
    /// </summary>
    public static RecordingFile Create(RecordingOptions options, Guid callId, DateTimeOffset now)
    {
        var folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(options.Directory,
            now.ToString("yyyy", CultureInfo.InvariantCulture), now.ToString("MM", CultureInfo.InvariantCulture), now.ToString("dd", CultureInfo.InvariantCulture)));
        if (!string.Equals(folder, t_folder, StringComparison.Ordinal))
        {
            Directory.CreateDirectory(folder); // once per day's folder and thread, not per call
            t_folder = folder;
        }

        try
        {
            return Open(options, folder, callId);
        }
        catch (IOException) when (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder); // removed since this thread made it (an operator's clean-up, say)
            return Open(options, folder, callId);
        }
    }

    private static RecordingFile Open(RecordingOptions options, string folder, Guid callId)
    {
        var free = new DriveInfo(folder).AvailableFreeSpace / (1024 * 1024);
        if (free < options.MinFreeMegabytes)
        {
            throw new RecordingVolumeFullException($"only {free} MiB free on the recordings volume ({folder}); Sip:Recording:MinFreeMegabytes is {options.MinFreeMegabytes}");
        }

        var path = System.IO.Path.Combine(folder, callId.ToString("D") + ".wav");
        // CreateNew, not Create: Create truncates the new file after opening it, and on ext4 a file truncated to zero is
        // written back when it is closed (auto_da_alloc), an extra flush per call before the fsync below (issue #14).
        var creation = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            creation.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // calls are personal data
        }

        return new RecordingFile(path, new FileStream(path + ".part", creation));
    }

    /// <summary>Closes the stream, syncs the part file to the disk and renames it to <see cref="Path"/>.</summary>
    public async Task CompleteAsync()
    {
        // Closing it here (the writer may have closed it already) makes sure the file is released before it is announced.
        await Stream.DisposeAsync().ConfigureAwait(false);
        // On disk before the rename makes it visible as done: flushed with the other recordings that finished meanwhile,
        // on a thread of its own, so no thread-pool thread waits in an fsync (issue #14).
        await RecordingSync.Shared.CompleteAsync(PartPath, Path).ConfigureAwait(false);
    }

    /// <summary>
    /// For a recording whose writing failed (issue #15): closes the stream and keeps what reached the disk - the part file
    /// made a playable WAV (<see cref="WaveFileSalvage"/>), synced and renamed to <see cref="Path"/> - or deletes it when it
    /// holds no audio, so a full disk is not left fuller by files nobody can play. Returns the length kept, or null when
    /// nothing was; never throws for an I/O failure.
    /// </summary>
    public async Task<TimeSpan?> SalvageAsync()
    {
        try
        {
            await Stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // its buffered tail could not be written either; the handle is closed
        }

        try
        {
            if (WaveFileSalvage.TryFinish(PartPath) is { } kept)
            {
                File.Move(PartPath, Path, overwrite: true);
                return kept;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // not kept: deleted below
        }

        try
        {
            File.Delete(PartPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // nothing more to do: the recording is reported lost
        }

        return null;
    }

    /// <summary>Closes the stream and deletes the part file (a recording not worth keeping); never throws for a file already gone.</summary>
    public async Task DiscardAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        File.Delete(PartPath);
    }

    /// <summary>As <see cref="DiscardAsync"/>, for a recording that failed to start.</summary>
    public void Discard()
    {
        Stream.Dispose();
        File.Delete(PartPath);
    }
}
