namespace ContactCenter.Contracts.Clients;

/// <summary>
/// A department head assigned a manager to a client (usually a new caller); the client's next call is routed to that
/// manager once the ACD's directory refreshes.
/// </summary>
public sealed record ClientAssigned(Guid EventId, Guid ClientId, string ClientName, string ManagerExtension, string ClientType,
    int PriceColumn, string AssignedBy, DateTimeOffset OccurredAt);
