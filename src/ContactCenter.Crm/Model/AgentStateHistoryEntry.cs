namespace ContactCenter.Crm.Model;

/// <summary>One change of an agent's effective state, as the ACD published it (<c>AgentStateChanged</c>).</summary>
public sealed class AgentStateHistoryEntry
{
    /// <summary>The event's id: a redelivered event is stored once.</summary>
    public Guid EventId { get; set; }

    public required string AgentExtension { get; set; }

    /// <summary>When the agent entered <see cref="State"/> (the ACD's clock).</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>available, ringing, on-call, wrap-up, break, absent, logged-out, unregistered.</summary>
    public required string State { get; set; }

    /// <summary>The break's or absence's reason, if the agent gave one.</summary>
    public string? Reason { get; set; }
}
