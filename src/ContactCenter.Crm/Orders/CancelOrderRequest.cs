namespace ContactCenter.Crm.Orders;

/// <summary>Why the order is cancelled.</summary>
public sealed record CancelOrderRequest(string? Reason);
