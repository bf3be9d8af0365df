using System.Collections.Concurrent;

namespace ContactCenter.CallEngine.Agents;

/// <summary>
/// What the engine knows of each agent's calls: how many ring and how many are answered now, and when its last
/// call ended. A target is reserved before its phone rings and released when the offer fails or the call
/// ends, so two calls cannot both ring one agent whose limit is one call. Thread-safe; every change is reported
/// through <see cref="Changed"/> (after the change, outside the lock) for the ACD's agent states.
/// </summary>
public sealed class AgentActivity(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _agents = new(StringComparer.Ordinal);

    /// <summary>
    /// The failure of an offer whose phone answered and hung up before the call could be connected: counted as a missed
    /// offer, not as an answered one.
    /// </summary>
    public const string HungUpAsItAnswered = "hung up as it answered";

    /// <summary>Raised after every reservation, answer and release.</summary>
    public event Action<AgentActivityChange>? Changed;

    /// <summary>
    /// Takes one call slot of <paramref name="extension"/>; false when it already has <paramref name="limit"/>
    /// calls (0 means no limit). The slot rings until <see cref="Answered"/>, unless <paramref name="talking"/>
    /// (an agent placing a call is on it at once).
    /// </summary>
    public bool TryReserve(string extension, int limit, bool talking = false)
    {
        var entry = _agents.GetOrAdd(extension, static _ => new Entry());
        lock (entry)
        {
            if (limit > 0 && entry.Ringing + entry.Talking >= limit)
            {
                return false;
            }

            if (talking)
            {
                entry.Talking++;
            }
            else
            {
                entry.Ringing++;
            }
        }

        Changed?.Invoke(new AgentActivityChange(extension, AgentActivityKind.Reserved, null));
        return true;
    }

    /// <summary>A ringing slot of <paramref name="extension"/> was answered: the agent is on the call.</summary>
    public void Answered(string extension)
    {
        if (!_agents.TryGetValue(extension, out var entry))
        {
            return;
        }

        lock (entry)
        {
            if (entry.Ringing > 0)
            {
                entry.Ringing--;
            }

            entry.Talking++;
        }

        Changed?.Invoke(new AgentActivityChange(extension, AgentActivityKind.Answered, null));
    }

    /// <summary>
    /// Gives back a slot taken with <see cref="TryReserve"/>; <paramref name="talked"/> marks the end of an answered
    /// call (idle, or in wrap-up, from now); <paramref name="failure"/> says why an offer was not taken (busy,
    /// declined, no answer, ...), null when the call simply ended or the caller left; <paramref name="answered"/> marks a
    /// slot that <see cref="Answered"/> took but that did not become a conversation (the phone hung up as it answered, the
    /// caller cancelled as it did).
    /// </summary>
    public void Release(string extension, bool talked, string? failure = null, bool answered = false)
    {
        if (!_agents.TryGetValue(extension, out var entry))
        {
            return;
        }

        lock (entry)
        {
            if (talked)
            {
                entry.LastCallEnded = time.GetUtcNow();
            }

            if ((talked || answered) && entry.Talking > 0)
            {
                entry.Talking--;
            }
            else if (entry.Ringing > 0)
            {
                entry.Ringing--;
            }
            else if (entry.Talking > 0)
            {
                entry.Talking--;
            }
        }

        Changed?.Invoke(new AgentActivityChange(extension, talked ? AgentActivityKind.CallEnded : AgentActivityKind.Released, failure));
    }

    /// <summary>How many calls <paramref name="extension"/> has now (ringing or answered).</summary>
    public int GetCallCount(string extension)
    {
        var (ringing, talking) = GetCalls(extension);
        return ringing + talking;
    }

    /// <summary>How many calls ring at <paramref name="extension"/> and how many it is on.</summary>
    public (int Ringing, int Talking) GetCalls(string extension)
    {
        if (!_agents.TryGetValue(extension, out var entry))
        {
            return (0, 0);
        }

        lock (entry)
        {
            return (entry.Ringing, entry.Talking);
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
        public int Ringing { get; set; }

        public int Talking { get; set; }

        public DateTimeOffset? LastCallEnded { get; set; }
    }
}
