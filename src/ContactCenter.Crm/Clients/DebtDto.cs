using ContactCenter.Crm.Orders;

namespace ContactCenter.Crm.Clients;

/// <summary>
/// A client's debt as the card shows it; <see cref="Message"/> says what to do when orders are blocked; <see cref="OpenOrders"/>
/// are accepted orders not yet delivered (so not yet invoiced), <see cref="Headroom"/> what an order may still be worth.
/// </summary>
public sealed record DebtDto(bool Overdue, bool OverLimit, decimal OverdueAmount, DateOnly? OverdueSince,
    decimal TotalOutstanding, decimal CreditLimit, bool OrdersBlocked, string? Message, decimal OpenOrders, decimal Headroom)
{
    internal static DebtDto From(DebtStatus status, string? managerExtension, decimal openOrders) =>
        new(status.IsOverdue, status.IsOverLimit, status.OverdueAmount, status.OverdueSince, status.TotalOutstanding,
            status.CreditLimit, status.OrdersBlocked, status.BlockedMessage(managerExtension), openOrders, CreditCheck.Headroom(status, openOrders));
}
