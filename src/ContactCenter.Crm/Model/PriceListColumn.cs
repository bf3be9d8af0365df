namespace ContactCenter.Crm.Model;

/// <summary>A column of a price list: one discount level.</summary>
public sealed class PriceListColumn
{
    public Guid PriceListId { get; set; }

    /// <summary>1-based column number, matched by <see cref="Client.PriceColumn"/>.</summary>
    public int Index { get; set; }

    public required string Name { get; set; }
}
