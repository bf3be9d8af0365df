namespace ContactCenter.Crm.Orders;

/// <summary>One line of an order as the API shows it.</summary>
public sealed record OrderLineDto(Guid ProductId, string Sku, string Name, string Unit, decimal Quantity, decimal UnitPrice, decimal LineTotal);
