namespace ContactCenter.Contracts.Orders;

/// <summary>An accepted order's lines were corrected (by its author, the client's manager, a head or an admin), with why.</summary>
public sealed record OrderCorrected(Guid EventId, Guid OrderId, Guid ClientId, long OrderNumber, string CorrectedBy, DateTimeOffset OccurredAt,
    decimal PreviousTotal, decimal Total, int LineCount, string Reason);
