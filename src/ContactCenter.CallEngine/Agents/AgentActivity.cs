using System.Collections.Concurrent;

namespace ContactCenter.CallEngine.Agents;

/// <summary>
/// What the engine knows of each agent's calls: how many it has now (ringing or talking) and when its last
/// call ended. A target is reserved before its phone rings and released when the offer fails or the call
/// ends, so two calls cannot both ring one agent whose limit is one call. Thread-safe.
/// </summary>
public sealed class AgentActivity(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _agents = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes one call slot of <paramref name="extension"/>; false when it already has <paramref name="limit"/>
    /// calls (0 means no limit).
    /// </summary>
    public bool TryReserve(string extension, int limit)
    {
        var entry = _agents.GetOrAdd(extension, static _ => new Entry());
        lock (entry)
        {
            if (limit > 0 && entry.Calls >= limit)
            {
                return false;
            }

            entry.Calls++;
        }

        return true;
    }

    /// <summary>Gives back a slot taken with <see cref="TryReserve"/>; <paramref name="talked"/> marks the end of a real call (idle from now).</summary>
    public void Release(string extension, bool talked)
    {
        if (!_agents.TryGetValue(extension, out var entry))
        {
            return;
        }

        lock (entry)
        {
            entry.Calls = Math.Max(0, entry.Calls - 1);
            if (talked)
            {
                entry.LastCallEnded = time.GetUtcNow();
            }
        }
    }

    /// <summary>How many calls <paramref name="extension"/> has now.</summary>
    public int GetCallCount(string extension)
    {
        if (!_agents.TryGetValue(extension, out var entry))
        {
            return 0;
        }

        lock (entry)
        {
            return entry.Calls;
        }
    }

    /// <summary>When the agent's last answered call ended, or null when it has had none since start.</summary>
    public DateTimeOffset? GetLastCallEnded(string extension)
    {
        if (!_agents.TryGetValue(extension, out var entry))
        {
            return null;
        }

        lock (entry)
        {
            return entry.LastCallEnded;
        }
    }

    private sealed class Entry
    {
        public int Calls { get; set; }

        public DateTimeOffset? LastCallEnded { get; set; }
    }
}
