using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Orders;

/// <summary>Prices of the active price list, in a client's column (DOMAIN: the discount is the client's price-list column).</summary>
public sealed class PriceBook(CrmDbContext db, TimeProvider time)
{
    /// <summary>
    /// Price per product id in <paramref name="column"/> of the price list in force today; only active products,
    /// optionally only <paramref name="productIds"/>. Empty when no price list is in force.
    /// </summary>
    public async Task<Dictionary<Guid, decimal>> PricesAsync(int column, IReadOnlyCollection<Guid>? productIds,
        CancellationToken cancellationToken)
    {
        var listId = await ActiveListIdAsync(cancellationToken);
        if (listId is null)
        {
            return [];
        }

        var prices = db.ProductPrices.AsNoTracking()
            .Where(p => p.PriceListId == listId && p.ColumnIndex == column)
            .Where(p => db.Products.Any(product => product.Id == p.ProductId && product.IsActive));
        if (productIds is not null)
        {
            prices = prices.Where(p => productIds.Contains(p.ProductId));
        }

        return await prices.ToDictionaryAsync(p => p.ProductId, p => p.Price, cancellationToken);
    }

    /// <summary>The name of <paramref name="column"/> in the price list in force today, e.g. <c>Key account (-10%)</c>.</summary>
    public async Task<string?> ColumnNameAsync(int column, CancellationToken cancellationToken)
    {
        var listId = await ActiveListIdAsync(cancellationToken);
        return listId is null
            ? null
            : await db.PriceLists.AsNoTracking().Where(l => l.Id == listId)
                .SelectMany(l => l.Columns).Where(c => c.Index == column).Select(c => c.Name)
                .FirstOrDefaultAsync(cancellationToken);
    }

    // The price list in force: active, valid from today or earlier, the latest such.
    private Task<Guid?> ActiveListIdAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return db.PriceLists.AsNoTracking()
            .Where(l => l.IsActive && l.ValidFrom <= today)
            .OrderByDescending(l => l.ValidFrom).ThenBy(l => l.Name)
            .Select(l => (Guid?)l.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
