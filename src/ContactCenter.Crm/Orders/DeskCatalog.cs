using ContactCenter.Crm.MasterData.Catalog;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Orders;

/// <summary>
/// The catalog as the order desk searches it during a call (issue #18): products on sale whose SKU or name contains what
/// the operator typed, each with its price in the client's column of the price list in force (none: it cannot be
/// ordered), whether it is new and whether it is traditional for the client's type; SKU matches first.
/// </summary>
public sealed class DeskCatalog(CrmDbContext db, PriceBook priceBook)
{
    public const int MaxTake = 50;

    /// <summary>The matches for the client, or null when there is no such client.</summary>
    public async Task<List<CatalogItemDto>?> SearchAsync(Guid clientId, string? search, int take, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.PriceColumn, c.ClientTypeId })
            .FirstOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return null;
        }

        var products = db.Products.AsNoTracking().Where(p => p.IsActive);
        var text = search?.Trim() ?? "";
        if (text.Length > 0)
        {
            var pattern = $"%{ProductRecords.Like(text)}%";
            products = products.Where(p => EF.Functions.ILike(p.Sku, pattern, "\\") || EF.Functions.ILike(p.Name, pattern, "\\"));
        }

        var prefix = $"{ProductRecords.Like(text)}%";
        var found = await products
            .OrderBy(p => EF.Functions.ILike(p.Sku, prefix, "\\") ? 0 : 1).ThenBy(p => p.Sku)
            .Take(Math.Clamp(take, 1, MaxTake))
            .Select(p => new
            {
                p.Id, p.Sku, p.Name, p.Unit, p.IsNew,
                Traditional = p.TraditionalFor.Any(t => t.Id == client.ClientTypeId),
                Certificates = p.Certificates.OrderBy(c => c.Number).Select(c => c.Number).ToList(),
            })
            .ToListAsync(cancellationToken);
        var prices = await priceBook.PricesAsync(client.PriceColumn, [.. found.Select(p => p.Id)], cancellationToken);
        return [.. found.Select(p => new CatalogItemDto(p.Id, p.Sku, p.Name, p.Unit, p.IsNew, p.Traditional,
            prices.TryGetValue(p.Id, out var price) ? price : null, p.Certificates))];
    }
}
