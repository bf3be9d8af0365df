namespace ContactCenter.Crm.Orders;

/// <summary>
/// One line of an order as the API shows it: <c>ListPrice</c> is the client's column price, <c>UnitPrice</c> what is charged
/// after the promotion's <c>DiscountPercent</c>; a bonus item (<c>IsBonus</c>) is free; <c>Promotion</c> names the promotion.
/// </summary>
public sealed record OrderLineDto(Guid ProductId, string Sku, string Name, string Unit, decimal Quantity, decimal UnitPrice, decimal LineTotal,
    decimal? ListPrice = null, decimal? DiscountPercent = null, bool IsBonus = false, string? Promotion = null);
