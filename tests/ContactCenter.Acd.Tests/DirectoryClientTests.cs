using ContactCenter.Acd.Directory;

namespace ContactCenter.Acd.Tests;

public sealed class DirectoryClientTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Theory]
    [InlineData(10_000, "2026-11-29", "receivables overdue since 2026-11-29")]
    [InlineData(10_000, "2026-11-30", null)]
    [InlineData(50_000, null, null)]
    [InlineData(50_001, null, "receivables over the credit limit")]
    [InlineData(60_000, "2026-12-31", "receivables over the credit limit")]
    [InlineData(60_000, "2026-11-01", "receivables overdue since 2026-11-01")]
    public void DebtReason_OutstandingAndDueDate_BlocksOrdersWhenOverdueOrOverLimit(int outstanding, string? earliestDue, string? reason)
    {
        var client = new DirectoryClient(Guid.NewGuid(), "Shop", "retail", "2101", 50_000m, outstanding,
            earliestDue is null ? null : DateOnly.Parse(earliestDue, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(reason, client.DebtReason(Today));
    }
}
