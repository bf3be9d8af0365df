using ContactCenter.Crm.Model;
using ContactCenter.Crm.Orders;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Crm.Tests;

public sealed class DebtStatusCalculatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void Calculate_UnpaidPastDue_IsOverdueSinceTheEarliestDueDate()
    {
        Receivable[] receivables = [Due(10_000m, -5), Due(8_500m, -30), Due(1_000m, 10)];

        var status = DebtStatusCalculator.Calculate(50_000m, receivables, Today);

        Assert.True(status.IsOverdue);
        Assert.Equal(18_500m, status.OverdueAmount);
        Assert.Equal(new DateOnly(2026, 10, 27), status.OverdueSince);
        Assert.Equal(19_500m, status.TotalOutstanding);
        Assert.True(status.OrdersBlocked);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Calculate_DueTodayOrLater_IsNotOverdue(int dueInDays)
    {
        var status = DebtStatusCalculator.Calculate(50_000m, [Due(5_000m, dueInDays)], Today);

        Assert.False(status.IsOverdue);
        Assert.Null(status.OverdueSince);
        Assert.False(status.OrdersBlocked);
    }

    [Fact]
    public void Calculate_PaidReceivablePastDue_IsNotOverdue()
    {
        var status = DebtStatusCalculator.Calculate(50_000m, [Due(0m, -40)], Today);

        Assert.False(status.IsOverdue);
        Assert.Equal(0m, status.TotalOutstanding);
    }

    [Theory]
    [InlineData(100_000, false)]
    [InlineData(100_000.01, true)]
    public void Calculate_OutstandingAgainstLimit_OverOnlyAboveIt(double outstanding, bool overLimit)
    {
        var status = DebtStatusCalculator.Calculate(100_000m, [Due(40_000m, 30), Due((decimal)outstanding - 40_000m, 60)], Today);

        Assert.Equal(overLimit, status.IsOverLimit);
        Assert.Equal(overLimit, status.OrdersBlocked);
        Assert.False(status.IsOverdue);
    }

    [Fact]
    public void Calculate_TimeProvider_JudgesAtTodaysUtcDate()
    {
        var calculator = new DebtStatusCalculator(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.Zero)));

        var status = calculator.Calculate(50_000m, [Due(1_000m, -1), Due(2_000m, 0)]);

        Assert.Equal(1_000m, status.OverdueAmount);
    }

    [Fact]
    public void BlockedMessage_Overdue_NamesAmountDateAndManager()
    {
        var status = DebtStatusCalculator.Calculate(50_000m, [Due(18_500m, -30)], Today);

        Assert.Equal(
            "Overdue receivables of 18,500.00 since 2026-10-27: orders are not accepted; transfer to the manager (2101) or Finance.",
            status.BlockedMessage("2101"));
    }

    [Fact]
    public void BlockedMessage_OverLimitWithoutManager_SendsToFinance()
    {
        var status = DebtStatusCalculator.Calculate(100_000m, [Due(90_000m, 60), Due(60_000m, 90)], Today);

        Assert.Equal(
            "Receivables of 150,000.00 exceed the credit limit of 100,000.00: orders are not accepted; transfer to Finance.",
            status.BlockedMessage(null));
    }

    [Fact]
    public void BlockedMessage_NothingOverdueWithinLimit_IsNull()
    {
        var status = DebtStatusCalculator.Calculate(500_000m, [Due(120_000m, 20)], Today);

        Assert.Null(status.BlockedMessage("2001"));
    }

    private static Receivable Due(decimal outstanding, int dueInDays) =>
        new() { Id = Guid.NewGuid(), DocumentNumber = "INV-" + Guid.NewGuid().ToString("N")[..6], Outstanding = outstanding, DueDate = Today.AddDays(dueInDays) };
}
