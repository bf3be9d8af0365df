namespace ContactCenter.Crm.Model;

/// <summary>A quality or conformity certificate of a product, sent to clients on request.</summary>
public sealed class ProductCertificate
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    public required string Number { get; set; }

    public DateOnly ValidUntil { get; set; }

    /// <summary>Where the document can be downloaded (a link sent instead of a fax).</summary>
    public string? DocumentUrl { get; set; }
}
