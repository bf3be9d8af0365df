namespace ContactCenter.Crm.Model;

/// <summary>
/// One UTC day's inbound-call sums for one queue and answering agent: the reports read these for closed days instead
/// of every call (issue #19: a year in weeks). Kept by <c>CallDaySummaries</c>; a change to a call of a summarized day
/// (a late event, a deletion) marks the day stale through a trigger on <c>calls</c>.
/// </summary>
public sealed class CallDayFigures
{
    /// <summary>The day's start (UTC midnight).</summary>
    public DateTimeOffset Day { get; set; }

    /// <summary>The queue, or empty for calls that never queued.</summary>
    public string QueueName { get; set; } = "";

    /// <summary>The answering agent's extension, or empty for calls nobody answered.</summary>
    public string AnsweredBy { get; set; } = "";

    public long Offered { get; set; }

    public long Answered { get; set; }

    public long Abandoned { get; set; }

    /// <summary>Answered within the queue's service-level threshold as it was when the day was summarized.</summary>
    public long AnsweredInTime { get; set; }

    public double WaitSeconds { get; set; }

    public double TalkSeconds { get; set; }

    public long Ended { get; set; }

    public double LongestWaitSeconds { get; set; }
}
