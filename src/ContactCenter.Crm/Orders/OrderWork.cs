using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Promotions;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Orders;

/// <summary>
/// What every change to an order shares: one transaction holding the order's row lock around load, decision and save,
/// the products of a request priced from the client's column, and new lines.
/// </summary>
public sealed class OrderWork(CrmDbContext db, PriceBook priceBook, TimeProvider time)
{
    /// <summary>Runs <paramref name="action"/> on the order (null when there is none) in one transaction holding its row lock (SELECT ... FOR UPDATE).</summary>
    public Task<T> LockedAsync<T>(Guid id, Func<Order?, Task<T>> action, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {id} FOR UPDATE", token);
            var order = await db.Orders.AsSplitQuery()
                .Include(o => o.Lines).Include(o => o.UpsellOffers).Include(o => o.Promotions).Include(o => o.Client).ThenInclude(c => c!.ClientType)
                .SingleOrDefaultAsync(o => o.Id == id, token);
            var result = await action(order);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);

    /// <summary>The products named and their prices in the client's column of the price list in force.</summary>
    internal async Task<OrderCatalog> CatalogAsync(Order order, IEnumerable<Guid?> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.OfType<Guid>().Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Sku, p.IsActive), cancellationToken);
        var prices = await priceBook.PricesAsync(order.Client!.PriceColumn, ids, cancellationToken);
        return new OrderCatalog(products, prices, order.Client.PriceColumn);
    }

    /// <summary>Adds a line at <paramref name="price"/> (the catalog's price when null).</summary>
    internal void AddLine(Order order, Guid productId, decimal quantity, OrderCatalog catalog, decimal? price = null)
    {
        var unitPrice = price ?? catalog.Prices[productId];
        var line = new OrderLine
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), OrderId = order.Id, ProductId = productId, Quantity = quantity,
            ListPrice = unitPrice, UnitPrice = unitPrice, LineTotal = OrderRules.LineTotal(unitPrice, quantity),
        };
        order.Lines.Add(line);
        MarkAdded(line);
    }

    /// <summary>
    /// Prices the order's lines with the promotions the client took (the best discount per line, the bonus items) and
    /// totals it; every change to the lines or to the promotion answers ends here.
    /// </summary>
    internal async Task ApplyPromotionsAsync(Order order, CancellationToken cancellationToken)
    {
        var ids = order.Promotions.Where(p => p.Accepted).Select(p => p.PromotionId).ToList();
        var accepted = ids.Count == 0
            ? []
            : await db.Promotions.AsNoTracking().Include(p => p.Products).Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        PromotionPricing.Apply(order, accepted, (productId, quantity, promotionId) => new OrderLine
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), OrderId = order.Id, ProductId = productId, Quantity = quantity,
            PromotionId = promotionId, IsBonus = true,
        });

        // Bonus lines are all new: the old ones were taken off by Apply (marked only once in the list, or fix-up would add them twice).
        foreach (var bonus in order.Lines.Where(l => l.IsBonus).ToList())
        {
            MarkAdded(bonus);
        }
    }

    /// <summary>A new child with a key made here would otherwise be taken for an existing row (an UPDATE of nothing).</summary>
    internal void MarkAdded(object entity) => db.Entry(entity).State = EntityState.Added;
}
