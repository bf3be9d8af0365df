namespace ContactCenter.TestKit;

/// <summary>
/// A tiny file system of its own (a tmpfs of a given size, mounted on a new temporary folder) for tests of a full disk;
/// unmounted and removed on dispose, failures included. Mounting needs root (CAP_SYS_ADMIN): the tests run as root in CI.
/// </summary>
public sealed class TmpfsFolder : IAsyncDisposable
{
    private TmpfsFolder(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>
    /// Mounts a tmpfs of <paramref name="kibibytes"/> KiB (mode 0700) on a new folder under the temporary folder; the
    /// reason it cannot (not root, no CAP_SYS_ADMIN in a container) is in the exception, with what to do.
    /// </summary>
    public static async Task<TmpfsFolder> MountAsync(int kibibytes)
    {
        var path = BackgroundProcess.NewFolder("cc-tmpfs-");
        var size = kibibytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + "k";
        var (exitCode, output) = await ProcessRunner.TryRunAsync("mount", ["-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path], TimeSpan.FromSeconds(10));
        if (exitCode != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException(
                $"Cannot mount a {size} tmpfs on {path} (exit {exitCode}: {output.Trim()}): run the tests as root, in a container "
                + "started with --cap-add SYS_ADMIN (or --privileged).");
        }

        return new TmpfsFolder(path);
    }

    /// <summary>
    /// Whether this process may mount a tmpfs (tries one of 4 KiB, then unmounts it); when not, <paramref name="reason"/>
    /// says why and what to do. Synchronous: it is asked while tests are discovered.
    /// </summary>
    public static bool CanMount(out string reason)
    {
        var probe = BackgroundProcess.NewFolder("cc-tmpfs-probe-");
        try
        {
            var (exitCode, output) = ProcessRunner.TryRunAsync("mount", ["-t", "tmpfs", "-o", "size=4k", "tmpfs", probe], TimeSpan.FromSeconds(10))
                .GetAwaiter().GetResult();
            if (exitCode != 0)
            {
                reason = $"this process cannot mount a tmpfs ({output.Trim()}): run the tests as root, in a container started with "
                    + "--cap-add SYS_ADMIN (or --privileged)";
                return false;
            }

            ProcessRunner.TryRunAsync("umount", [probe], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            reason = "";
            return true;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            reason = $"mount(8) cannot be run ({ex.Message}): apt-get install -y mount";
            return false;
        }
        finally
        {
            try
            {
                Directory.Delete(probe);
            }
            catch (IOException)
            {
                // still mounted: left for the machine's temp clean-up
            }
        }
    }

    /// <summary>Bytes free on the file system now.</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Unmounts (lazily when something still holds a file there) and removes the mount point.</summary>
    public async ValueTask DisposeAsync()
    {
        var (exitCode, _) = await ProcessRunner.TryRunAsync("umount", [Path], TimeSpan.FromSeconds(10));
        if (exitCode != 0)
        {
            await ProcessRunner.TryRunAsync("umount", ["-l", Path], TimeSpan.FromSeconds(10));
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // still mounted after all (busy): its files are gone, the empty mount point stays for the machine's temp clean-up
        }
    }
}
