namespace ContactCenter.Crm.Reports;

/// <summary>The sums behind one interval row, as the interval report's SQL returns them (each query fills its own part).</summary>
internal sealed class IntervalFigures
{
    public DateTimeOffset Bucket { get; set; }

    public string Key { get; set; } = "";

    public long Offered { get; set; }

    public long Answered { get; set; }

    public long Abandoned { get; set; }

    public long AnsweredInTime { get; set; }

    public double WaitSeconds { get; set; }

    public double TalkSeconds { get; set; }

    public long Ended { get; set; }

    public double LongestWaitSeconds { get; set; }

    public long Orders { get; set; }

    public long Lines { get; set; }

    public decimal Volume { get; set; }

    public long UpsellOffered { get; set; }

    public long UpsellAccepted { get; set; }

    /// <summary>Promotions put to clients on accepted orders (each order's answers), and those taken.</summary>
    public long PromotionsOffered { get; set; }

    public long PromotionsAccepted { get; set; }

    public long Complaints { get; set; }

    public long TasksDone { get; set; }

    /// <summary>A call task result (tasks query only).</summary>
    public string? Result { get; set; }
}
