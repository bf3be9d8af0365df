namespace ContactCenter.Contracts.Orders;

/// <summary>An order (draft or accepted) was cancelled, with why; an accepted one no longer counts against the client's credit.</summary>
public sealed record OrderCancelled(Guid EventId, Guid OrderId, Guid ClientId, long OrderNumber, string CancelledBy, DateTimeOffset OccurredAt,
    string PreviousStatus, decimal Total, string Reason);
