using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// A test that needs a tiny file system of its own (<see cref="TmpfsFolder"/>): skipped, with the reason and what to do,
/// when this process may not mount one (not root, or a container without CAP_SYS_ADMIN). CI runs as root, where it runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    /// <summary>Probes once per test whether a tmpfs can be mounted.</summary>
    public TmpfsFactAttribute()
    {
        if (!TmpfsFolder.CanMount(out var reason))
        {
            Skip = reason;
        }
    }
}
