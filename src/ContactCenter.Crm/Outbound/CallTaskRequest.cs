namespace ContactCenter.Crm.Outbound;

/// <summary>One call of a new list: a client, a phone number, or a client and which of its numbers.</summary>
public sealed record CallTaskRequest(Guid? ClientId, string? Phone);
