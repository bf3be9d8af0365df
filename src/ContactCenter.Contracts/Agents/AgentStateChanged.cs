namespace ContactCenter.Contracts.Agents;

/// <summary>An agent's effective state changed (chosen state, registration and calls combined).</summary>
public sealed record AgentStateChanged(Guid EventId, string AgentExtension, DateTimeOffset OccurredAt,
    string State, string? Reason);
