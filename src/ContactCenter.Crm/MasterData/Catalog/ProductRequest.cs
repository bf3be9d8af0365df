namespace ContactCenter.Crm.MasterData.Catalog;

/// <summary>
/// A product to add (SKU, name, unit required) or change (only the fields given). <c>traditionalFor</c> lists client type
/// codes the product is traditional for; <c>certificates</c>, when given, replace the product's certificates (kept by number).
/// </summary>
public sealed record ProductRequest(string? Sku, string? Name, string? Unit, bool? IsNew, bool? IsActive, List<string>? TraditionalFor,
    List<CertificateRequest>? Certificates);

/// <summary>A product's certificate: number, valid until, where the document can be downloaded (optional).</summary>
public sealed record CertificateRequest(string? Number, DateOnly? ValidUntil, string? DocumentUrl);

/// <summary>A product as the admin console shows it.</summary>
public sealed record ProductRecordDto(Guid Id, string Sku, string Name, string Unit, bool IsNew, bool IsActive, IReadOnlyList<string> TraditionalFor,
    IReadOnlyList<CertificateDto> Certificates);

/// <summary>A certificate as the console shows it.</summary>
public sealed record CertificateDto(string Number, DateOnly ValidUntil, string? DocumentUrl);
