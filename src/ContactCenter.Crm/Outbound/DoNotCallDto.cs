namespace ContactCenter.Crm.Outbound;

/// <summary>A client's do-not-call flag after a change, and how many open call tasks it closed.</summary>
public sealed record DoNotCallDto(Guid ClientId, string Name, bool DoNotCall, int TasksClosed);
