namespace ContactCenter.Crm.Model;

/// <summary>One product on an order, priced from the client's price-list column, less any promotion the client took.</summary>
public sealed class OrderLine
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid ProductId { get; set; }

    public decimal Quantity { get; set; }

    /// <summary>The price in the client's column when the line was added, before any promotion.</summary>
    public decimal ListPrice { get; set; }

    /// <summary>The price charged: <see cref="ListPrice"/> less <see cref="DiscountPercent"/>; zero for a bonus item.</summary>
    public decimal UnitPrice { get; set; }

    public decimal LineTotal { get; set; }

    /// <summary>The promotion that discounted this line or gave it as a bonus; null for none.</summary>
    public Guid? PromotionId { get; set; }

    /// <summary>The promotion's discount applied to this line, in percent.</summary>
    public decimal? DiscountPercent { get; set; }

    /// <summary>A free item given by <see cref="PromotionId"/>, not ordered.</summary>
    public bool IsBonus { get; set; }
}
