namespace ContactCenter.Contracts.Clients;

/// <summary>A new client was recorded (for example a first-time caller) and awaits a manager.</summary>
public sealed record ClientCreated(Guid EventId, Guid ClientId, string PhoneE164, string ClientType, DateTimeOffset OccurredAt);
