using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.MasterData.Catalog;

/// <summary>The catalog kept by admins (issue #18): products with their unit, new flag, client types they are traditional for, certificates.</summary>
internal sealed class ProductRecords(CrmDbContext db, Audit audit, TimeProvider time)
{
    /// <summary>Products whose SKU or name contains <paramref name="search"/>, by SKU, at most <paramref name="take"/>.</summary>
    public async Task<List<ProductRecordDto>> ListAsync(string? search, int take, CancellationToken cancellationToken)
    {
        var query = db.Products.AsNoTracking().AsSplitQuery().Include(p => p.TraditionalFor).Include(p => p.Certificates).AsQueryable();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{Like(search.Trim())}%";
            query = query.Where(p => EF.Functions.ILike(p.Sku, pattern, "\\") || EF.Functions.ILike(p.Name, pattern, "\\"));
        }

        var products = await query.OrderBy(p => p.Sku).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
        return [.. products.Select(ProductRules.ToDto)];
    }

    /// <summary>The product with <paramref name="sku"/>, or null.</summary>
    public async Task<ProductRecordDto?> GetAsync(string sku, CancellationToken cancellationToken) =>
        await db.Products.AsNoTracking().AsSplitQuery().Include(p => p.TraditionalFor).Include(p => p.Certificates)
            .SingleOrDefaultAsync(p => p.Sku == sku, cancellationToken) is { } product ? ProductRules.ToDto(product) : null;

    /// <summary>Adds a product; 400 naming each bad field (a taken SKU too).</summary>
    public async Task<DeskResult<ProductRecordDto>> CreateAsync(ProductRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var product = new Product { Id = Guid.CreateVersion7(time.GetUtcNow()), Sku = "", Name = "", Unit = "" };
        return await SaveAsync(product, isNew: true, request, userName, cancellationToken);
    }

    /// <summary>Changes the fields given; 404 for an unknown SKU.</summary>
    public async Task<DeskResult<ProductRecordDto>> UpdateAsync(string sku, ProductRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var product = await db.Products.Include(p => p.TraditionalFor).Include(p => p.Certificates).SingleOrDefaultAsync(p => p.Sku == sku, cancellationToken);
        return product is null ? DeskError.NotFound() : await SaveAsync(product, isNew: false, request, userName, cancellationToken);
    }

    /// <summary>Escapes LIKE wildcards in what a person typed.</summary>
    internal static string Like(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private async Task<DeskResult<ProductRecordDto>> SaveAsync(Product product, bool isNew, ProductRequest request, string userName,
        CancellationToken cancellationToken)
    {
        var types = await db.ClientTypes.ToDictionaryAsync(t => t.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var errors = ProductRules.CheckAndApply(request, product, isNew, types);
        if (errors.Count == 0 && await db.Products.AnyAsync(p => p.Sku == product.Sku && p.Id != product.Id, cancellationToken))
        {
            errors["sku"] = [$"The SKU {product.Sku} belongs to another product."];
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The product cannot be saved");
        }

        if (isNew)
        {
            db.Products.Add(product);
        }

        audit.Record(userName, isNew ? "create" : "update", "product", product.Sku,
            $"name={product.Name};unit={product.Unit};new={product.IsNew};active={product.IsActive}");
        await db.SaveChangesAsync(cancellationToken);
        return ProductRules.ToDto(product);
    }
}
