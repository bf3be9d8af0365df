namespace ContactCenter.Crm.Outbound;

/// <summary>A call placed for a task: the agent's phone rings first, then the client's number.</summary>
public sealed record DialStartedDto(Guid TaskId, Guid CallId, string Agent, string Phone, int Attempt);
