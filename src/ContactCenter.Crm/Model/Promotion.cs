namespace ContactCenter.Crm.Model;

/// <summary>
/// A discount program, bonus or promotion decided by management (DOMAIN "Special discount programs, bonuses and
/// promotions"): in force over a period, for some products (none: all) and some client types (none: all), giving a
/// discount in percent or a bonus item.
/// </summary>
public sealed class Promotion
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>What the operator reads out to the client.</summary>
    public string? Description { get; set; }

    /// <summary>First day in force.</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>Last day in force.</summary>
    public DateOnly EndsOn { get; set; }

    /// <summary>Discount off the client's price on the promotion's products, in percent (0-100, exclusive of 0).</summary>
    public decimal? DiscountPercent { get; set; }

    /// <summary>The product given free when the order holds one of the promotion's products.</summary>
    public Guid? BonusProductId { get; set; }

    public Product? BonusProduct { get; set; }

    /// <summary>How much of <see cref="BonusProductId"/> is given.</summary>
    public decimal? BonusQuantity { get; set; }

    /// <summary>False when management stopped it before its end.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Products it covers; empty: every product.</summary>
    public List<Product> Products { get; set; } = [];

    /// <summary>Client types it is offered to; empty: every type.</summary>
    public List<ClientType> ClientTypes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}
