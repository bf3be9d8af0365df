using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
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
                .Include(o => o.Lines).Include(o => o.UpsellOffers).Include(o => o.Client).ThenInclude(c => c!.ClientType)
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
            UnitPrice = unitPrice, LineTotal = OrderRules.LineTotal(unitPrice, quantity),
        };
        order.Lines.Add(line);
        MarkAdded(line);
    }

    /// <summary>A new child with a key made here would otherwise be taken for an existing row (an UPDATE of nothing).</summary>
    internal void MarkAdded(object entity) => db.Entry(entity).State = EntityState.Added;
}
