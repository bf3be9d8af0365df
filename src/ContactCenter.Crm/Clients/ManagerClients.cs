using ContactCenter.Crm.Model;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Clients;

/// <summary>
/// A manager's own clients with their debt status (issue #18): blocked ones (overdue or over the limit) first, then by
/// name; receivables, open orders and the credit headroom as the order desk counts them.
/// </summary>
internal sealed class ManagerClients(CrmDbContext db, DebtStatusCalculator debts)
{
    /// <summary>The clients assigned to <paramref name="user"/>'s member of staff (none when the user has no staff record).</summary>
    public async Task<List<MyClientDto>> ListAsync(SignedInUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.StaffId is not { } staffId)
        {
            return [];
        }

        var today = debts.Today;
        var clients = await db.Clients.AsNoTracking().AsSplitQuery().Where(c => c.AssignedManagerId == staffId)
            .Select(c => new
            {
                c.Id, c.Name, Type = c.ClientType!.Code, Phones = c.Phones.Select(p => p.E164).ToList(), c.Status, c.LastOrderAt, c.CreditLimit,
                Receivables = c.Receivables.ToList(),
                OpenOrders = db.Orders.Where(o => o.ClientId == c.Id && o.Status == OrderStatus.Accepted && (o.DeliveryDate == null || o.DeliveryDate >= today))
                    .Sum(o => (decimal?)o.Total) ?? 0m,
            })
            .ToListAsync(cancellationToken);
        return [.. clients.Select(c =>
            {
                var debt = DebtStatusCalculator.Calculate(c.CreditLimit, c.Receivables, today);
                var state = debt.IsOverdue ? "overdue" : debt.IsOverLimit ? "over-limit" : "ok";
                return new MyClientDto(c.Id, c.Name, c.Type, c.Phones, c.Status.ToString().ToLowerInvariant(), c.LastOrderAt, c.CreditLimit,
                    debt.TotalOutstanding, debt.OverdueAmount, debt.OverdueSince, c.OpenOrders, CreditCheck.Headroom(debt, c.OpenOrders), state);
            })
            .OrderBy(c => c.DebtStatus == "ok" ? 1 : 0).ThenBy(c => c.Name, StringComparer.CurrentCulture)];
    }
}
