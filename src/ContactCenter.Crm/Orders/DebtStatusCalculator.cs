using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.Orders;

/// <summary>Works out a client's <see cref="DebtStatus"/> from its receivables, as of today.</summary>
public sealed class DebtStatusCalculator(TimeProvider time)
{
    /// <summary>Today's date (UTC), the day receivables are judged at.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The debt status as of <see cref="Today"/>.</summary>
    public DebtStatus Calculate(decimal creditLimit, IEnumerable<Receivable> receivables) =>
        Calculate(creditLimit, receivables, Today);

    /// <summary>
    /// The debt status as of <paramref name="today"/>: a receivable is overdue when something is still unpaid
    /// and its due date is before today (due today is not yet overdue); over limit is outstanding above the limit.
    /// </summary>
    public static DebtStatus Calculate(decimal creditLimit, IEnumerable<Receivable> receivables, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(receivables);
        var unpaid = receivables.Where(r => r.Outstanding > 0).ToList();
        var overdue = unpaid.Where(r => r.DueDate < today).ToList();
        return new DebtStatus(
            overdue.Sum(r => r.Outstanding),
            overdue.Count == 0 ? null : overdue.Min(r => r.DueDate),
            unpaid.Sum(r => r.Outstanding),
            creditLimit);
    }
}
