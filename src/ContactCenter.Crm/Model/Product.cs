namespace ContactCenter.Crm.Model;

/// <summary>An item of the catalog.</summary>
public sealed class Product
{
    public Guid Id { get; set; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public required string Unit { get; set; }

    /// <summary>New in the assortment: operators point it out on every order.</summary>
    public bool IsNew { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Client types for which this product is traditional.</summary>
    public List<ClientType> TraditionalFor { get; set; } = [];

    public List<ProductCertificate> Certificates { get; set; } = [];
}
