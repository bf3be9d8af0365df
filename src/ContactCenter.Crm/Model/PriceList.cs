namespace ContactCenter.Crm.Model;

/// <summary>A price list with several columns (discount levels).</summary>
public sealed class PriceList
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public DateOnly ValidFrom { get; set; }

    public bool IsActive { get; set; } = true;

    public List<PriceListColumn> Columns { get; set; } = [];

    public List<ProductPrice> Prices { get; set; } = [];
}
