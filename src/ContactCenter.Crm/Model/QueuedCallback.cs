namespace ContactCenter.Crm.Model;

/// <summary>A caller's request to be called back instead of waiting in a queue; it keeps the caller's place (enqueue time).</summary>
public sealed class QueuedCallback
{
    public Guid Id { get; set; }

    /// <summary>The queue the request waits in.</summary>
    public required string Queue { get; set; }

    /// <summary>The number to call back (E.164).</summary>
    public required string Number { get; set; }

    /// <summary>When the caller entered the queue: the callback's place.</summary>
    public DateTimeOffset EnqueuedAt { get; set; }

    /// <summary>Null while pending; <c>answered</c> or <c>not answered</c> once the call was placed.</summary>
    public string? Outcome { get; set; }

    public DateTimeOffset? SettledAt { get; set; }
}
