namespace ContactCenter.Crm.Orders;

/// <summary>A product offered beyond the order, and whether the client took it.</summary>
public sealed record UpsellOfferDto(Guid ProductId, string Sku, string Name, bool Accepted);
