namespace ContactCenter.Crm.Orders;

/// <summary>An accepted order's corrected lines and why.</summary>
public sealed record CorrectOrderRequest(List<OrderLineRequest>? Lines, string? Reason);
