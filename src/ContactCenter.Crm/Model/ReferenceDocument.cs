namespace ContactCenter.Crm.Model;

/// <summary>
/// Reference information the operator reads or sends during a call (DOMAIN: assortment, prices, delivery terms,
/// certificates): a text, optionally with a file (product sheet, certificate scan) uploaded by an admin.
/// </summary>
public sealed class ReferenceDocument
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    /// <summary>One of <c>delivery-terms</c>, <c>certificate</c>, <c>product-sheet</c>, <c>price-list</c>, <c>other</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>What the operator reads out; searched with the title.</summary>
    public string? Body { get; set; }

    /// <summary>The product it is about, if any.</summary>
    public Guid? ProductId { get; set; }

    /// <summary>The uploaded file's name as it is sent (cleaned of paths and odd characters).</summary>
    public string? FileName { get; set; }

    /// <summary>The file's type as its content proved it (never as the uploader claimed it).</summary>
    public string? ContentType { get; set; }

    public long? FileSize { get; set; }

    /// <summary>SHA-256 of the file, hex.</summary>
    public string? FileSha256 { get; set; }

    /// <summary>False once an admin withdrew it: no longer listed nor sent.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
