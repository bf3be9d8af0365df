namespace ContactCenter.Crm.Orders;

/// <summary>The whole list of products on a draft order; prices come from the client's price-list column.</summary>
public sealed record ReplaceLinesRequest(IReadOnlyList<OrderLineRequest>? Lines);
