namespace ContactCenter.Crm.Model;

/// <summary>The price of a product in one column of a price list.</summary>
public sealed class ProductPrice
{
    public Guid PriceListId { get; set; }

    public Guid ProductId { get; set; }

    public int ColumnIndex { get; set; }

    public decimal Price { get; set; }
}
