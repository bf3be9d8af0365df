using System.Net;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// Allows one log line per source address per interval and counts what it held back, so that a flood of
/// bad packets cannot flood the log. Remembers at most a bounded number of sources.
/// </summary>
internal sealed class SourceLogLimiter(TimeProvider time, TimeSpan interval, int maxSources = 10_000)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, Entry> _entries = [];

    /// <summary>True when a line for <paramref name="source"/> may be written now; <paramref name="suppressed"/> says how many were held back since the last one.</summary>
    public bool TryAcquire(IPAddress source, out int suppressed)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(source, out var entry) && now - entry.LastLogged < interval)
            {
                _entries[source] = entry with { Suppressed = entry.Suppressed + 1 };
                suppressed = 0;
                return false;
            }

            if (_entries.Count >= maxSources)
            {
                Prune(now);
            }

            suppressed = entry.Suppressed;
            _entries[source] = new Entry(now, 0);
            return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, entry) in _entries)
        {
            if (now - entry.LastLogged >= interval)
            {
                _entries.Remove(address);
            }
        }

        if (_entries.Count >= maxSources)
        {
            // Everything is recent: a spray of addresses. Forget them rather than grow.
            _entries.Clear();
        }
    }

    private readonly record struct Entry(DateTimeOffset LastLogged, int Suppressed);
}
