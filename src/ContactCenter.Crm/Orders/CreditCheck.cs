using System.Globalization;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Orders;

/// <summary>
/// The credit check of an order (issue #18): receivables still owed, plus the client's open orders (accepted, delivery
/// today or later, so not yet invoiced), plus this order must stay within the client's credit limit.
/// </summary>
public sealed class CreditCheck(CrmDbContext db, DebtStatusCalculator debts)
{
    /// <summary>Value of the client's open orders other than <paramref name="except"/>.</summary>
    public async Task<decimal> OpenOrdersAsync(Guid clientId, Guid? except, CancellationToken cancellationToken)
    {
        var today = debts.Today;
        return await db.Orders.AsNoTracking()
            .Where(o => o.ClientId == clientId && o.Status == OrderStatus.Accepted && o.Id != except
                && (o.DeliveryDate == null || o.DeliveryDate >= today))
            .SumAsync(o => o.Total, cancellationToken);
    }

    /// <summary>What is left of the limit: the limit less receivables and open orders (negative when over).</summary>
    public static decimal Headroom(DebtStatus debt, decimal openOrders)
    {
        ArgumentNullException.ThrowIfNull(debt);
        return debt.CreditLimit - debt.TotalOutstanding - openOrders;
    }

    /// <summary>Why <paramref name="orderTotal"/> does not fit within the limit, or null when it does.</summary>
    public static string? Refusal(DebtStatus debt, decimal openOrders, decimal orderTotal, string? managerExtension)
    {
        var headroom = Headroom(debt, openOrders);
        if (orderTotal <= headroom)
        {
            return null;
        }

        var transfer = managerExtension is null ? "transfer to Finance" : $"transfer to the manager ({managerExtension}) or Finance";
        return string.Create(CultureInfo.InvariantCulture,
            $"The order ({orderTotal:N2}) exceeds what is left of the credit limit of {debt.CreditLimit:N2}: receivables {debt.TotalOutstanding:N2} "
            + $"and open orders {openOrders:N2} leave {Math.Max(0, headroom):N2}. Reduce the order or {transfer}.");
    }
}
