namespace ContactCenter.Crm.Model;

/// <summary>One event in a call's timeline, kept as received.</summary>
public sealed class CallTimelineEntry
{
    /// <summary>The event's own id: a redelivered event is recognised by it.</summary>
    public Guid EventId { get; set; }

    public Guid CallId { get; set; }

    public int Sequence { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Event type name, e.g. <c>CallAnswered</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The event as JSON.</summary>
    public required string Data { get; set; }
}
