using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Security;

/// <summary>Failed sign-in limits: after too many failures from one address, that address is refused for a while.</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Security:Login";

    /// <summary>Failures allowed within <see cref="Window"/>.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>Window over which failures are counted.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an address stays blocked.</summary>
    public TimeSpan BlockFor { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Counts failed sign-ins per remote address (HTTP Basic and the sign-in form alike). A successful sign-in
/// does not wipe them: otherwise anyone with one valid account could interleave it with guesses at another
/// account's password. Failures age out with the window.
/// </summary>
public sealed partial class LoginThrottle(IOptions<LoginThrottleOptions> options, TimeProvider time, ILogger<LoginThrottle> logger)
{
    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();

    /// <summary>True when <paramref name="address"/> is currently blocked.</summary>
    public bool IsBlocked(IPAddress? address)
    {
        if (address is null || !_entries.TryGetValue(address, out var entry))
        {
            return false;
        }

        lock (entry)
        {
            return entry.BlockedUntil > time.GetUtcNow();
        }
    }

    /// <summary>Records a failure; blocks the address when it passes the limit.</summary>
    public void Failed(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var entry = _entries.GetOrAdd(address, _ => new Entry());
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
                LogBlocked(logger, address, entry.Failures, options.Value.BlockFor);
            }
        }

        if (_entries.Count > 100_000)
        {
            Prune(now);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, entry) in _entries)
        {
            if (entry.BlockedUntil <= now && now - entry.WindowStart > options.Value.Window)
            {
                _entries.TryRemove(address, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in blocked for {RemoteAddress} after {Failures} failures, for {BlockFor}")]
    private static partial void LogBlocked(ILogger logger, IPAddress remoteAddress, int failures, TimeSpan blockFor);

    private sealed class Entry
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }
    }
}
