using ContactCenter.Crm.Model;
using ContactCenter.Crm.Promotions;

namespace ContactCenter.Crm.Orders;

/// <summary>What the promotions a client took do to the order's lines: discounts and bonus items.</summary>
public static class PromotionPricing
{
    /// <summary>
    /// Prices the ordered lines of <paramref name="order"/> with the best discount among the <paramref name="accepted"/>
    /// promotions covering each, and gives the bonus item of each accepted promotion whose products are on the order;
    /// <paramref name="newBonusLine"/> makes a bonus line (product, quantity, promotion). Sets the order's total.
    /// </summary>
    public static void Apply(Order order, IReadOnlyList<Promotion> accepted, Func<Guid, decimal, Guid, OrderLine> newBonusLine)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(newBonusLine);
        order.Lines.RemoveAll(l => l.IsBonus);
        foreach (var line in order.Lines)
        {
            var best = accepted.Where(p => p.DiscountPercent is not null && PromotionRules.Covers(p, line.ProductId)).MaxBy(p => p.DiscountPercent);
            line.PromotionId = best?.Id;
            line.DiscountPercent = best?.DiscountPercent;
            line.UnitPrice = best is null ? line.ListPrice : Discounted(line.ListPrice, best.DiscountPercent!.Value);
            line.LineTotal = OrderRules.LineTotal(line.UnitPrice, line.Quantity);
        }

        foreach (var promotion in accepted.Where(p => p.BonusProductId is not null).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (order.Lines.Exists(l => !l.IsBonus && PromotionRules.Covers(promotion, l.ProductId)))
            {
                order.Lines.Add(newBonusLine(promotion.BonusProductId!.Value, promotion.BonusQuantity ?? 1, promotion.Id));
            }
        }

        order.Total = order.Lines.Sum(l => l.LineTotal);
    }

    /// <summary><paramref name="price"/> less <paramref name="percent"/>, rounded to cents (half away from zero).</summary>
    public static decimal Discounted(decimal price, decimal percent) =>
        decimal.Round(price * (100m - percent) / 100m, 2, MidpointRounding.AwayFromZero);
}
