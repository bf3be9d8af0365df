using System.Collections.Concurrent;

namespace ContactCenter.Host.Desk;

/// <summary>
/// What the desks' event forwarder remembers about live calls: the identified client, the extensions that were
/// offered the call (they hear of its end) and the reason given for a transfer through the API. Entries go when the call ends.
/// </summary>
public sealed class DeskCallDirectory
{
    private readonly ConcurrentDictionary<Guid, Entry> _calls = new();

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

    private Entry Get(Guid callId) => _calls.GetOrAdd(callId, static _ => new Entry());

    private sealed class Entry
    {
        public Guid? ClientId { get; set; }

        public string? TransferReason { get; set; }

        public HashSet<string> Extensions { get; } = new(StringComparer.Ordinal);
    }
}
