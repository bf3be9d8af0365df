using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Promotions;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Orders;

/// <summary>Reads orders for the API.</summary>
public sealed class OrderReader(CrmDbContext db)
{
    /// <summary>The largest page a list returns.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Order <paramref name="id"/> with its lines and upsell offers, or null.</summary>
    public async Task<OrderDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().AsSplitQuery()
            .Include(o => o.Lines).Include(o => o.UpsellOffers).Include(o => o.Promotions).Include(o => o.Client)
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return order is null ? null : await ToDtoAsync(order, cancellationToken);
    }

    /// <summary>Orders newest first, optionally of one client and in one status; <paramref name="page"/> is 1-based.</summary>
    public async Task<OrderPageDto> ListAsync(Guid? clientId, OrderStatus? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Orders.AsNoTracking();
        if (clientId is not null)
        {
            query = query.Where(o => o.ClientId == clientId);
        }

        if (status is not null)
        {
            query = query.Where(o => o.Status == status);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(o => new OrderListItemDto(o.Id, o.Number, o.ClientId, o.Client!.Name, o.Status.ToString(), o.CreatedAt, o.AcceptedAt,
                o.Total, o.Lines.Count))
            .ToListAsync(cancellationToken);
        return new OrderPageDto(items, page, pageSize, total);
    }

    /// <summary>The API's view of <paramref name="order"/> (lines, offers and client loaded).</summary>
    public async Task<OrderDto> ToDtoAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var ids = order.Lines.Select(l => l.ProductId).Concat(order.UpsellOffers.Select(u => u.ProductId)).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Sku, p.Name, p.Unit), cancellationToken);
        var promotionIds = order.Promotions.Select(p => p.PromotionId).Concat(order.Lines.Select(l => l.PromotionId).OfType<Guid>()).Distinct().ToList();
        var promotions = promotionIds.Count == 0
            ? []
            : await db.Promotions.AsNoTracking().Where(p => promotionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return new OrderDto(
            order.Id, order.Number, order.ClientId, order.Client?.Name ?? "", order.CallId, order.Status.ToString(), order.CreatedAt,
            order.AcceptedAt,
            new DeliveryTerms(order.DeliveryDate, order.DeliveryWindow, order.ReceiverName, order.PayerName, order.SignerName,
                order.PaymentForm, order.PickupArrivalAt, order.ShippingDetails),
            order.Total,
            order.Lines.OrderBy(l => l.IsBonus).ThenBy(l => products[l.ProductId].Name, StringComparer.Ordinal)
                .Select(l => new OrderLineDto(l.ProductId, products[l.ProductId].Sku, products[l.ProductId].Name, products[l.ProductId].Unit,
                    l.Quantity, l.UnitPrice, l.LineTotal, l.ListPrice, l.DiscountPercent, l.IsBonus,
                    l.PromotionId is { } promotionId ? promotions[promotionId] : null)).ToList(),
            order.UpsellOffers.OrderBy(u => products[u.ProductId].Name, StringComparer.Ordinal)
                .Select(u => new UpsellOfferDto(u.ProductId, products[u.ProductId].Sku, products[u.ProductId].Name, u.Accepted)).ToList(),
            order.Promotions.OrderBy(p => promotions[p.PromotionId], StringComparer.Ordinal)
                .Select(p => new OrderPromotionDto(p.PromotionId, promotions[p.PromotionId], p.Accepted)).ToList());
    }
}
