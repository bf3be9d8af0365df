namespace ContactCenter.Crm.Orders;

/// <summary>A product found on the desk: its price in the client's column (null: no price, cannot be ordered).</summary>
public sealed record CatalogItemDto(Guid ProductId, string Sku, string Name, string Unit, bool IsNew, bool IsTraditional, decimal? Price,
    IReadOnlyList<string> Certificates);
