namespace ContactCenter.Crm.Documents;

/// <summary>A reference document as the desk lists it (the file itself is at <c>/api/reference/{id}/file</c>).</summary>
public sealed record ReferenceDocumentDto(Guid Id, string Title, string Kind, string? Body, string? Sku, string? FileName, string? ContentType,
    long? FileSize, bool IsActive, DateTimeOffset UpdatedAt);

/// <summary>A reference document to add (title and kind required) or change (only the fields given; <c>sku: ""</c> unlinks the product).</summary>
public sealed record ReferenceDocumentRequest(string? Title, string? Kind, string? Body, string? Sku, bool? IsActive);

/// <summary>A reference document's file for download.</summary>
public sealed record ReferenceFileDto(string FileName, string ContentType, byte[] Content);
