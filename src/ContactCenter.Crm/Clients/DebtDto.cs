using ContactCenter.Crm.Orders;

namespace ContactCenter.Crm.Clients;

/// <summary>A client's debt as the card shows it; <see cref="Message"/> says what to do when orders are blocked.</summary>
public sealed record DebtDto(bool Overdue, bool OverLimit, decimal OverdueAmount, DateOnly? OverdueSince,
    decimal TotalOutstanding, decimal CreditLimit, bool OrdersBlocked, string? Message)
{
    internal static DebtDto From(DebtStatus status, string? managerExtension) =>
        new(status.IsOverdue, status.IsOverLimit, status.OverdueAmount, status.OverdueSince, status.TotalOutstanding,
            status.CreditLimit, status.OrdersBlocked, status.BlockedMessage(managerExtension));
}
