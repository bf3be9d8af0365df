using ContactCenter.Crm.Documents;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Promotions;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Clients;

/// <summary>Reads the client card: who the client is, its debt, its history and what to offer it.</summary>
public sealed class ClientCardReader(CrmDbContext db, PriceBook priceBook, DebtStatusCalculator debts, CreditCheck credit, PromotionRecords promotions,
    EmailDesk emails)
{
    private const int LastOrderCount = 5;
    private const int BestSellerCount = 10;
    private const int RecentEmailCount = 5;

    /// <summary>The id of the client with the E.164 number <paramref name="e164"/>, or null.</summary>
    public Task<Guid?> FindByPhoneAsync(string e164, CancellationToken cancellationToken) =>
        db.ClientPhones.AsNoTracking().Where(p => p.E164 == e164).Select(p => (Guid?)p.ClientId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The card of client <paramref name="clientId"/>, or null when there is none. Upsell suggestions leave out the
    /// products already on <paramref name="currentOrderId"/> (an order of this client being taken).
    /// </summary>
    public async Task<ClientCardDto?> ReadAsync(Guid clientId, Guid? currentOrderId, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().AsSplitQuery()
            .Include(c => c.ClientType).Include(c => c.AssignedManager).Include(c => c.Phones).Include(c => c.Receivables)
            .SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return null;
        }

        var prices = await priceBook.PricesAsync(client.PriceColumn, null, cancellationToken);
        var lastOrders = await db.Orders.AsNoTracking().Include(o => o.Lines)
            .Where(o => o.ClientId == clientId && o.Status == OrderStatus.Accepted)
            .OrderByDescending(o => o.AcceptedAt).Take(LastOrderCount)
            .ToListAsync(cancellationToken);
        var featured = await db.Products.AsNoTracking()
            .Where(p => p.IsActive && (p.IsNew || p.TraditionalFor.Any(t => t.Id == client.ClientTypeId)))
            .OrderBy(p => p.Name)
            .Select(p => new CatalogEntry(p.Id, p.Sku, p.Name, p.Unit, p.IsNew, p.TraditionalFor.Any(t => t.Id == client.ClientTypeId)))
            .ToListAsync(cancellationToken);
        var bestSellers = await BestSellersAsync(client.ClientTypeId, cancellationToken);
        var others = await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Name)
            .Select(p => p.Id).Take(BestSellerCount).ToListAsync(cancellationToken);
        var inCurrentOrder = currentOrderId is null
            ? []
            : await db.OrderLines.AsNoTracking()
                .Where(l => l.OrderId == currentOrderId && db.Orders.Any(o => o.Id == l.OrderId && o.ClientId == clientId))
                .Select(l => l.ProductId).ToHashSetAsync(cancellationToken);

        var catalog = await CatalogAsync(
            featured, lastOrders.SelectMany(o => o.Lines).Select(l => l.ProductId).Concat(bestSellers).Concat(others), client.ClientTypeId,
            cancellationToken);
        var suggested = UpsellPicker.Pick(
            featured.Where(p => p.IsNew).Select(p => p.Id).ToList(),
            featured.Where(p => p.Traditional).Select(p => p.Id).ToList(),
            bestSellers, others, inCurrentOrder, prices.ContainsKey);

        var debt = debts.Calculate(client.CreditLimit, client.Receivables);
        return new ClientCardDto(
            client.Id, client.Name, client.ClientType!.Code, client.ClientType.Name,
            client.AssignedManager is { } manager ? new ManagerDto(manager.Extension, manager.FullName) : null,
            client.Phones.Select(p => p.E164).Order(StringComparer.Ordinal).ToList(),
            client.PriceColumn, await priceBook.ColumnNameAsync(client.PriceColumn, cancellationToken),
            client.Status.ToString(), client.DoNotCall,
            DebtDto.From(debt, client.AssignedManager?.Extension, await credit.OpenOrdersAsync(client.Id, null, cancellationToken)),
            lastOrders.Select(o => new OrderSummaryDto(o.Id, o.Number, o.AcceptedAt ?? o.CreatedAt, o.Status.ToString(), o.Total,
                o.Lines.Select(l => catalog[l.ProductId].ToLine(l)).ToList())).ToList(),
            Offers(featured.Where(p => p.Traditional)),
            Offers(featured.Where(p => p.IsNew)),
            Offers(suggested.Select(id => catalog[id])),
            await promotions.ForClientTypeAsync(client.ClientTypeId, cancellationToken),
            [.. (await emails.ListAsync(client.Id, null, cancellationToken)).Take(RecentEmailCount)]);

        List<ProductOfferDto> Offers(IEnumerable<CatalogEntry> products) =>
            products.Where(p => prices.ContainsKey(p.Id))
                .Select(p => new ProductOfferDto(p.Id, p.Sku, p.Name, p.Unit, p.IsNew, p.Traditional, prices[p.Id])).ToList();
    }

    // Products most ordered (by quantity) in accepted orders of clients of this type.
    private Task<List<Guid>> BestSellersAsync(Guid clientTypeId, CancellationToken cancellationToken) =>
        db.OrderLines.AsNoTracking()
            .Where(l => db.Orders.Any(o => o.Id == l.OrderId && o.Status == OrderStatus.Accepted && o.Client!.ClientTypeId == clientTypeId))
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Quantity = g.Sum(l => l.Quantity) })
            .OrderByDescending(g => g.Quantity).ThenBy(g => g.ProductId)
            .Take(BestSellerCount)
            .Select(g => g.ProductId)
            .ToListAsync(cancellationToken);

    private async Task<Dictionary<Guid, CatalogEntry>> CatalogAsync(List<CatalogEntry> known, IEnumerable<Guid> more, Guid clientTypeId,
        CancellationToken cancellationToken)
    {
        var catalog = known.ToDictionary(p => p.Id);
        var missing = more.Where(id => !catalog.ContainsKey(id)).Distinct().ToList();
        foreach (var entry in await db.Products.AsNoTracking().Where(p => missing.Contains(p.Id))
                     .Select(p => new CatalogEntry(p.Id, p.Sku, p.Name, p.Unit, p.IsNew, p.TraditionalFor.Any(t => t.Id == clientTypeId)))
                     .ToListAsync(cancellationToken))
        {
            catalog[entry.Id] = entry;
        }

        return catalog;
    }

    private sealed record CatalogEntry(Guid Id, string Sku, string Name, string Unit, bool IsNew, bool Traditional)
    {
        public OrderLineDto ToLine(OrderLine line) => new(line.ProductId, Sku, Name, Unit, line.Quantity, line.UnitPrice, line.LineTotal);
    }
}
