namespace ContactCenter.Crm.Clients;

/// <summary>
/// One of a manager's clients: what it owes, how much is overdue and since when, its open orders, the credit headroom,
/// and <c>debtStatus</c>: <c>overdue</c> or <c>over-limit</c> (orders refused, calls routed by debt) or <c>ok</c>.
/// </summary>
public sealed record MyClientDto(Guid Id, string Name, string Type, IReadOnlyList<string> Phones, string Status, DateTimeOffset? LastOrderAt,
    decimal CreditLimit, decimal Outstanding, decimal Overdue, DateOnly? OverdueSince, decimal OpenOrders, decimal Headroom, string DebtStatus);
