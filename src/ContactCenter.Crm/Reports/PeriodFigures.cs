namespace ContactCenter.Crm.Reports;

/// <summary>Everything one report reads for a period, keyed the ways the rows need it.</summary>
internal sealed record PeriodFigures(
    Dictionary<string, ReportTally> Calls,
    Dictionary<Guid, ReportTally> OrdersByStaff,
    List<ReportTally> AllOrders,
    List<FeedbackFigures> Feedback,
    long AbandonedCalls)
{
    /// <summary>The whole period: every answered call, every abandoned call (queued ones too), every order, complaint and wish.</summary>
    public ReportRow Total()
    {
        var total = new ReportTally();
        foreach (var calls in Calls.Values)
        {
            total.AddCalls(calls);
        }

        total.Abandoned = AbandonedCalls;
        foreach (var orders in AllOrders)
        {
            total.AddOrders(orders);
        }

        foreach (var f in Feedback)
        {
            total.AddFeedback(f.Complaints, f.Justified, f.Wishes);
        }

        return total.ToRow(null, "Total", null);
    }
}
