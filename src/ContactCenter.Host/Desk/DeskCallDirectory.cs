using System.Collections.Concurrent;

namespace ContactCenter.Host.Desk;

/// <summary>
/// What the desks' event forwarder remembers about live calls: the identified client, the extensions that were
/// offered the call (they hear of its end) and the reason given for a transfer through the API. Entries go when the call
/// ends; one whose end never came (or came before a late classification from the router) goes after <see cref="MaxAge"/>.
/// </summary>
public sealed class DeskCallDirectory(TimeProvider time)
{
    /// <summary>Longer than any call may last (the engine's session guard is 4 h by default).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(12);

    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<Guid, Entry> _calls = new();
    private long _nextSweepTicks;

    /// <summary>A directory on the system clock.</summary>
    public DeskCallDirectory()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Notes the client the ACD identified for <paramref name="callId"/>.</summary>
    public void SetClient(Guid callId, Guid? clientId) => Get(callId).ClientId = clientId;

    /// <summary>Notes why a desk asked to transfer <paramref name="callId"/> (shown to the one who receives it); returns the reason it replaces.</summary>
    public string? SetTransferReason(Guid callId, string? reason)
    {
        var entry = Get(callId);
        var previous = entry.TransferReason;
        entry.TransferReason = reason;
        return previous;
    }

    /// <summary>Notes that <paramref name="extension"/> was offered <paramref name="callId"/>; returns the client and the transfer reason known so far.</summary>
    public (Guid? ClientId, string? TransferReason) Offered(Guid callId, string extension)
    {
        var entry = Get(callId);
        lock (entry)
        {
            entry.Extensions.Add(extension);
        }

        return (entry.ClientId, entry.TransferReason);
    }

    /// <summary>Forgets <paramref name="callId"/>; returns the extensions that were offered it.</summary>
    public IReadOnlyList<string> Ended(Guid callId)
    {
        if (!_calls.TryRemove(callId, out var entry))
        {
            return [];
        }

        lock (entry)
        {
            return [.. entry.Extensions];
        }
    }

    private Entry Get(Guid callId)
    {
        var now = time.GetUtcNow();
        SweepIfDue(now);
        return _calls.GetOrAdd(callId, static (_, at) => new Entry(at), now);
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepEvery).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (callId, entry) in _calls)
        {
            if (now - entry.CreatedAt > MaxAge)
            {
                _calls.TryRemove(callId, out _);
            }
        }
    }

    private sealed class Entry(DateTimeOffset createdAt)
    {
        public DateTimeOffset CreatedAt { get; } = createdAt;

        public Guid? ClientId { get; set; }

        public string? TransferReason { get; set; }

        public HashSet<string> Extensions { get; } = new(StringComparer.Ordinal);
    }
}
