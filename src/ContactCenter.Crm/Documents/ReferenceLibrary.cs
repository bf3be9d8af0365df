using System.Security.Cryptography;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Documents;

/// <summary>
/// Reference information and documents (DOMAIN: delivery terms, certificates, product sheets): searched by every member
/// of staff, kept by admins (audited), files checked by their content and size before they are stored.
/// </summary>
public sealed class ReferenceLibrary(CrmDbContext db, Audit audit, IOptions<DocumentOptions> options, TimeProvider time)
{
    /// <summary>The kinds of document.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["delivery-terms", "certificate", "product-sheet", "price-list", "other"];

    private const int MaxTitle = 200;
    private const int MaxBody = 20_000;

    /// <summary>Active documents whose title, text or product (SKU, name) contains <paramref name="search"/>, optionally of one kind; at most <paramref name="take"/>.</summary>
    public async Task<List<ReferenceDocumentDto>> SearchAsync(string? search, string? kind, bool withdrawn, int take, CancellationToken cancellationToken)
    {
        var query = db.ReferenceDocuments.AsNoTracking().Where(d => withdrawn || d.IsActive);
        if (!string.IsNullOrWhiteSpace(kind))
        {
            query = query.Where(d => d.Kind == kind.Trim());
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{MasterData.Catalog.ProductRecords.Like(search.Trim())}%";
            query = query.Where(d => EF.Functions.ILike(d.Title, pattern, "\\") || EF.Functions.ILike(d.Body ?? "", pattern, "\\")
                || db.Products.Any(p => p.Id == d.ProductId && (EF.Functions.ILike(p.Sku, pattern, "\\") || EF.Functions.ILike(p.Name, pattern, "\\"))));
        }

        return await Project(query.OrderBy(d => d.Kind).ThenBy(d => d.Title).Take(Math.Clamp(take, 1, 200))).ToListAsync(cancellationToken);
    }

    /// <summary>The document <paramref name="id"/>, or null.</summary>
    public Task<ReferenceDocumentDto?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        Project(db.ReferenceDocuments.AsNoTracking().Where(d => d.Id == id)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The file of active document <paramref name="id"/>, or null when there is none.</summary>
    public async Task<ReferenceFileDto?> FileAsync(Guid id, CancellationToken cancellationToken)
    {
        var document = await db.ReferenceDocuments.AsNoTracking().Where(d => d.Id == id && d.IsActive && d.FileName != null)
            .Select(d => new { d.FileName, d.ContentType }).SingleOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return null;
        }

        var content = await db.ReferenceFiles.AsNoTracking().Where(f => f.DocumentId == id).Select(f => f.Content).SingleOrDefaultAsync(cancellationToken);
        return content is null ? null : new ReferenceFileDto(document.FileName!, document.ContentType!, content);
    }

    /// <summary>Adds a document; 400 naming each bad field.</summary>
    public Task<DeskResult<ReferenceDocumentDto>> CreateAsync(ReferenceDocumentRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var document = new ReferenceDocument { Id = Guid.CreateVersion7(now), Title = "", Kind = "", CreatedAt = now, UpdatedBy = userName };
        return SaveAsync(document, isNew: true, request, userName, cancellationToken);
    }

    /// <summary>Changes the fields given; 404 for an unknown document.</summary>
    public async Task<DeskResult<ReferenceDocumentDto>> UpdateAsync(Guid id, ReferenceDocumentRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = await db.ReferenceDocuments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return document is null ? DeskError.NotFound() : await SaveAsync(document, isNew: false, request, userName, cancellationToken);
    }

    /// <summary>
    /// Stores <paramref name="content"/> as the document's file (replacing one there): refused (400 naming <c>file</c>) when
    /// empty, over <see cref="DocumentOptions.MaxFileBytes"/> or not of an accepted type by its content.
    /// </summary>
    public async Task<DeskResult<ReferenceDocumentDto>> UploadAsync(Guid id, string? fileName, ReadOnlyMemory<byte> content, string userName,
        CancellationToken cancellationToken)
    {
        var document = await db.ReferenceDocuments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return DeskError.NotFound();
        }

        if (FileError(content.Length) is { } sizeError)
        {
            return DeskError.Invalid("file", sizeError);
        }

        if (DocumentFileTypes.Detect(content.Span) is not { } contentType)
        {
            return DeskError.Invalid("file", $"The file is not {DocumentFileTypes.Accepted} (judged by its content).");
        }

        var stored = await db.ReferenceFiles.SingleOrDefaultAsync(f => f.DocumentId == id, cancellationToken);
        if (stored is null)
        {
            db.ReferenceFiles.Add(new ReferenceFile { DocumentId = id, Content = content.ToArray() });
        }
        else
        {
            stored.Content = content.ToArray();
        }

        document.FileName = DocumentFileTypes.SafeName(fileName, document.Title, contentType);
        document.ContentType = contentType;
        document.FileSize = content.Length;
        document.FileSha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        document.UpdatedAt = time.GetUtcNow();
        document.UpdatedBy = userName;
        audit.Record(userName, "upload", "reference-document", id.ToString(), $"file={document.FileName};type={contentType};bytes={content.Length};sha256={document.FileSha256}");
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    /// <summary>Why a file of <paramref name="length"/> bytes cannot be stored, or null.</summary>
    public string? FileError(long length) =>
        length == 0 ? "Send the file as the request body."
        : length > options.Value.MaxFileBytes ? $"The file is larger than {options.Value.MaxFileBytes} bytes (Crm:Documents:MaxFileBytes)."
        : null;

    private IQueryable<ReferenceDocumentDto> Project(IQueryable<ReferenceDocument> query) =>
        query.Select(d => new ReferenceDocumentDto(d.Id, d.Title, d.Kind, d.Body, db.Products.Where(p => p.Id == d.ProductId).Select(p => p.Sku).FirstOrDefault(),
            d.FileName, d.ContentType, d.FileSize, d.IsActive, d.UpdatedAt));

    private async Task<DeskResult<ReferenceDocumentDto>> SaveAsync(ReferenceDocument document, bool isNew, ReferenceDocumentRequest request, string userName,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var title = request.Title?.Trim();
        if ((isNew || request.Title is not null) && title is not { Length: > 0 and <= MaxTitle })
        {
            errors["title"] = [$"Give the title (1 to {MaxTitle} characters)."];
        }

        var kind = request.Kind?.Trim();
        if ((isNew || request.Kind is not null) && (kind is null || !Kinds.Contains(kind)))
        {
            errors["kind"] = [$"Give one of: {string.Join(", ", Kinds)}."];
        }

        if (request.Body?.Length > MaxBody)
        {
            errors["body"] = [$"At most {MaxBody} characters."];
        }

        Guid? productId = document.ProductId;
        if (request.Sku is not null)
        {
            var sku = request.Sku.Trim();
            productId = sku.Length == 0 ? null : await db.Products.Where(p => p.Sku == sku).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (sku.Length > 0 && productId is null)
            {
                errors["sku"] = [$"There is no product {sku}."];
            }
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The document cannot be saved");
        }

        document.Title = title ?? document.Title;
        document.Kind = kind ?? document.Kind;
        document.Body = request.Body is null ? document.Body : string.IsNullOrWhiteSpace(request.Body) ? null : request.Body.Trim();
        document.ProductId = productId;
        document.IsActive = request.IsActive ?? document.IsActive;
        document.UpdatedAt = time.GetUtcNow();
        document.UpdatedBy = userName;
        if (isNew)
        {
            db.ReferenceDocuments.Add(document);
        }

        audit.Record(userName, isNew ? "create" : "update", "reference-document", document.Id.ToString(),
            $"title={document.Title};kind={document.Kind};active={document.IsActive}");
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(document.Id, cancellationToken))!;
    }
}
