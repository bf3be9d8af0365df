namespace ContactCenter.Crm.Reports;

/// <summary>Call sums of one extension, as the report's SQL returns them.</summary>
internal class CallFigures
{
    public string Extension { get; set; } = "";

    public long Handled { get; set; }

    public long Outbound { get; set; }

    public long WithinThreshold { get; set; }

    public double WaitSeconds { get; set; }

    public double TalkSeconds { get; set; }

    public long Ended { get; set; }
}
