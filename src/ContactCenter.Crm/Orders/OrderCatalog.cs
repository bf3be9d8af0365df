namespace ContactCenter.Crm.Orders;

/// <summary>The products named in one request, and their prices in the client's column.</summary>
internal sealed record OrderCatalog(Dictionary<Guid, (string Sku, bool IsActive)> Products, Dictionary<Guid, decimal> Prices, int Column)
{
    public string Sku(Guid? productId) => productId is { } id && Products.TryGetValue(id, out var p) ? p.Sku : $"{productId}";

    /// <summary>Why <paramref name="productId"/> cannot go on the order, or null when it can.</summary>
    public string? ProductError(Guid? productId)
    {
        if (productId is not { } id)
        {
            return "Give the product.";
        }

        if (!Products.TryGetValue(id, out var product))
        {
            return $"There is no product {id}.";
        }

        if (!product.IsActive)
        {
            return $"{product.Sku} is no longer sold.";
        }

        return Prices.ContainsKey(id) ? null : $"{product.Sku} has no price in column {Column} of the price list in force.";
    }
}
