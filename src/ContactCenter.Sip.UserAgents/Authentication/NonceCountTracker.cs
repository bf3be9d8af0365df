namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// Remembers the highest nonce-count seen per nonce so a repeated or lower one is refused
/// (RFC 7616 §3.4.5 replay protection). Entries leave when their nonce expires; when full, the
/// oldest are forgotten and every nonce issued up to then is treated as stale instead.
/// </summary>
internal sealed class NonceCountTracker(int capacity, TimeSpan lifetime)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, uint> _highest = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _byIssue = new();
    private DateTimeOffset _forgottenUpTo = DateTimeOffset.MinValue;

    public NonceCountCheck Check(string nonce, DateTimeOffset issuedAt, uint nonceCount, DateTimeOffset now)
    {
        lock (_gate)
        {
            while (_byIssue.TryPeek(out var oldest, out var oldestIssue) && oldestIssue + lifetime < now)
            {
                _byIssue.Dequeue();
                _highest.Remove(oldest);
            }

            if (_highest.TryGetValue(nonce, out var highest))
            {
                if (nonceCount <= highest)
                {
                    return NonceCountCheck.Replayed;
                }

                _highest[nonce] = nonceCount;
                return NonceCountCheck.Accepted;
            }

            if (issuedAt <= _forgottenUpTo)
            {
                return NonceCountCheck.Forgotten;
            }

            while (_highest.Count >= capacity && _byIssue.TryDequeue(out var evicted, out var evictedIssue))
            {
                _highest.Remove(evicted);
                _forgottenUpTo = evictedIssue > _forgottenUpTo ? evictedIssue : _forgottenUpTo;
            }

            _highest.Add(nonce, nonceCount);
            _byIssue.Enqueue(nonce, issuedAt);
            return NonceCountCheck.Accepted;
        }
    }
}

/// <summary>What <see cref="NonceCountTracker.Check"/> found.</summary>
internal enum NonceCountCheck
{
    /// <summary>Higher than any count seen for the nonce.</summary>
    Accepted,

    /// <summary>Equal to or lower than a count already used.</summary>
    Replayed,

    /// <summary>The nonce may have been used before but is no longer tracked: ask for a new one.</summary>
    Forgotten,
}
