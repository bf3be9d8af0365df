namespace ContactCenter.Crm.Reports;

/// <summary>Sums behind one report row; averages and percentages are taken only when the row is made, so totals stay exact.</summary>
internal sealed class ReportTally
{
    public long Handled { get; set; }

    public long Outbound { get; set; }

    public long WithinThreshold { get; set; }

    public long Abandoned { get; set; }

    public double WaitSeconds { get; set; }

    public double TalkSeconds { get; set; }

    public long Ended { get; set; }

    public long Orders { get; set; }

    public long Lines { get; set; }

    public decimal Value { get; set; }

    public long Offered { get; set; }

    public long OffersAccepted { get; set; }

    public long PromotionsOffered { get; set; }

    public long PromotionsAccepted { get; set; }

    public long Complaints { get; set; }

    public long Justified { get; set; }

    public long Wishes { get; set; }

    public void AddCalls(ReportTally other)
    {
        Handled += other.Handled;
        Outbound += other.Outbound;
        WithinThreshold += other.WithinThreshold;
        Abandoned += other.Abandoned;
        WaitSeconds += other.WaitSeconds;
        TalkSeconds += other.TalkSeconds;
        Ended += other.Ended;
    }

    public void AddOrders(ReportTally other)
    {
        Orders += other.Orders;
        Lines += other.Lines;
        Value += other.Value;
        Offered += other.Offered;
        OffersAccepted += other.OffersAccepted;
        PromotionsOffered += other.PromotionsOffered;
        PromotionsAccepted += other.PromotionsAccepted;
    }

    public void AddFeedback(long complaints, long justified, long wishes)
    {
        Complaints += complaints;
        Justified += justified;
        Wishes += wishes;
    }

    public ReportRow ToRow(string? extension, string name, string? department) => new(
        extension, name, department, Handled, Outbound, WithinThreshold, Abandoned,
        ServiceLevel.Percent(WithinThreshold, Handled, Abandoned),
        Handled == 0 ? null : Math.Round(WaitSeconds / Handled, 1, MidpointRounding.AwayFromZero),
        Ended == 0 ? null : Math.Round(TalkSeconds / Ended, 1, MidpointRounding.AwayFromZero),
        Orders,
        Orders == 0 ? null : Math.Round((double)Lines / Orders, 2, MidpointRounding.AwayFromZero),
        Orders == 0 ? null : decimal.Round(Value / Orders, 2, MidpointRounding.AwayFromZero),
        Offered, OffersAccepted, Complaints, Justified, Wishes, PromotionsOffered, PromotionsAccepted);
}
