namespace ContactCenter.Crm.Orders;

/// <summary>One product and quantity on an order.</summary>
public sealed record OrderLineRequest(Guid? ProductId, decimal? Quantity);
