using System.Collections.Concurrent;
using System.Net;
using ContactCenter.Sip.UserAgents.Authentication;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Security;

/// <summary>Failed sign-in limits: after too many failures from one address, or for one user name, that source or name is refused for a while.</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Security:Login";

    /// <summary>Failures allowed within <see cref="Window"/>, per address and per user name.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>Window over which failures are counted.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an address or a user name stays blocked.</summary>
    public TimeSpan BlockFor { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Counts failed sign-ins (HTTP Basic and the sign-in form alike) per remote address (IPv6 per /64, the block one
/// subscriber gets) and per user name, so that neither rotating addresses nor rotating user names escapes the limit.
/// A successful sign-in does not wipe them: otherwise anyone with one valid account could interleave it with guesses
/// at another account's password. Failures age out with the window.
/// </summary>
public sealed partial class LoginThrottle(IOptions<LoginThrottleOptions> options, TimeProvider time, ILogger<LoginThrottle> logger)
{
    private const int MaxUserNameLength = 128;
    private const int PruneAbove = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="address"/> is currently blocked.</summary>
    public bool IsBlocked(IPAddress? address) => IsBlocked(AddressKey(address));

    /// <summary>True when <paramref name="address"/> or <paramref name="userName"/> is currently blocked.</summary>
    public bool IsBlocked(IPAddress? address, string? userName) => IsBlocked(AddressKey(address)) || IsBlocked(UserKey(userName));

    /// <summary>Records a failure from <paramref name="address"/> (no user name known); blocks the address when it passes the limit.</summary>
    public void Failed(IPAddress? address) => Failed(address, null);

    /// <summary>Records a failure; blocks the address and the user name when either passes the limit.</summary>
    public void Failed(IPAddress? address, string? userName)
    {
        var now = time.GetUtcNow();
        Count(AddressKey(address), now);
        Count(UserKey(userName), now);
        if (_entries.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    private bool IsBlocked(string? key)
    {
        if (key is null || !_entries.TryGetValue(key, out var entry))
        {
            return false;
        }

        lock (entry)
        {
            return entry.BlockedUntil > time.GetUtcNow();
        }
    }

    private void Count(string? key, DateTimeOffset now)
    {
        if (key is null)
        {
            return;
        }

        var entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            if (now - entry.WindowStart > options.Value.Window)
            {
                entry.WindowStart = now;
                entry.Failures = 0;
            }

            entry.Failures++;
            if (entry.Failures >= options.Value.MaxFailures && entry.BlockedUntil <= now)
            {
                entry.BlockedUntil = now + options.Value.BlockFor;
                LogBlocked(logger, key, entry.Failures, options.Value.BlockFor);
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            lock (entry)
            {
                if (entry.BlockedUntil <= now && now - entry.WindowStart > options.Value.Window)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    // IPv6: one subscriber gets a whole /64, so its addresses count as one source.
    private static string? AddressKey(IPAddress? address) => address is null ? null : "address " + SourceNetwork.Of(address);

    // User names are matched as the directory matches them (ordinal); overlong ones are cut so a flood of
    // invented names cannot grow one entry without bound.
    private static string? UserKey(string? userName) =>
        string.IsNullOrEmpty(userName) ? null : "user " + (userName.Length > MaxUserNameLength ? userName[..MaxUserNameLength] : userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in blocked for {Source} after {Failures} failures, for {BlockFor}")]
    private static partial void LogBlocked(ILogger logger, string source, int failures, TimeSpan blockFor);

    private sealed class Entry
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }
    }
}
