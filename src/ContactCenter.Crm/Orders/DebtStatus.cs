using System.Globalization;

namespace ContactCenter.Crm.Orders;

/// <summary>
/// The quality of a client's debt at one day: what is overdue, what is outstanding against the credit limit,
/// and whether orders may be accepted (DOMAIN: accept only if nothing is overdue or over the limit).
/// </summary>
/// <param name="OverdueAmount">Sum of the unpaid receivables whose due date has passed.</param>
/// <param name="OverdueSince">The earliest due date among the overdue receivables; null when nothing is overdue.</param>
/// <param name="TotalOutstanding">Sum of all unpaid receivables.</param>
/// <param name="CreditLimit">The client's credit limit.</param>
public sealed record DebtStatus(decimal OverdueAmount, DateOnly? OverdueSince, decimal TotalOutstanding, decimal CreditLimit)
{
    /// <summary>Something unpaid is past its due date.</summary>
    public bool IsOverdue => OverdueAmount > 0;

    /// <summary>What is outstanding exceeds the credit limit.</summary>
    public bool IsOverLimit => TotalOutstanding > CreditLimit;

    /// <summary>Orders are not accepted from this client until the debt is settled.</summary>
    public bool OrdersBlocked => IsOverdue || IsOverLimit;

    /// <summary>
    /// What the operator tells the client and does next when orders are blocked, e.g.
    /// <c>Overdue receivables of 18,500.00 since 2026-10-27: orders are not accepted; transfer to the manager (2101) or Finance.</c>;
    /// null when orders are accepted.
    /// </summary>
    public string? BlockedMessage(string? managerExtension)
    {
        if (!OrdersBlocked)
        {
            return null;
        }

        var reason = IsOverdue
            ? string.Create(CultureInfo.InvariantCulture, $"Overdue receivables of {OverdueAmount:N2} since {OverdueSince:yyyy-MM-dd}")
            : string.Create(CultureInfo.InvariantCulture, $"Receivables of {TotalOutstanding:N2} exceed the credit limit of {CreditLimit:N2}");
        var transfer = managerExtension is null ? "transfer to Finance" : $"transfer to the manager ({managerExtension}) or Finance";
        return $"{reason}: orders are not accepted; {transfer}.";
    }
}
