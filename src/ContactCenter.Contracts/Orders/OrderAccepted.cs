namespace ContactCenter.Contracts.Orders;

/// <summary>
/// An order was accepted from a client; managers who follow execution are told. <c>OrderNumber</c> and
/// <c>ClientName</c> were added later and are absent from older messages.
/// </summary>
public sealed record OrderAccepted(Guid EventId, Guid OrderId, Guid ClientId, Guid? CallId,
    string AcceptedBy, DateTimeOffset OccurredAt, int LineCount, decimal Total, string? AssignedManagerExtension,
    long? OrderNumber = null, string? ClientName = null);
