namespace ContactCenter.Acd.Directory;

/// <summary>What the router needs to know of a client.</summary>
/// <param name="Id">The client.</param>
/// <param name="Name">Its name (shown in the explanation).</param>
/// <param name="TypeCode">Its type code (key, retail, new, ...).</param>
/// <param name="ManagerExtension">The assigned manager's extension, or null.</param>
/// <param name="CreditLimit">The credit limit.</param>
/// <param name="Outstanding">All unpaid receivables.</param>
/// <param name="EarliestUnpaidDue">The earliest due date among unpaid receivables, or null when nothing is unpaid.</param>
public sealed record DirectoryClient(Guid Id, string Name, string TypeCode, string? ManagerExtension, decimal CreditLimit, decimal Outstanding,
    DateOnly? EarliestUnpaidDue)
{
    /// <summary>
    /// Why orders are blocked on <paramref name="today"/> (DOMAIN: something overdue, or over the credit limit), or
    /// null when they are accepted. A receivable due today is not yet overdue.
    /// </summary>
    public string? DebtReason(DateOnly today) =>
        EarliestUnpaidDue is { } due && due < today ? $"receivables overdue since {due:yyyy-MM-dd}"
        : Outstanding > CreditLimit ? "receivables over the credit limit"
        : null;
}
