namespace ContactCenter.Crm.Reports;

/// <summary>What an interval report's rows are per, and the SQL that names each row's key (whitelisted, never user text).</summary>
internal sealed record IntervalGrouping(string Name, string CallKey, string CallJoin, string? OrderKey, string? FeedbackKey, string? TaskKey)
{
    /// <summary>Per answering agent (extension); calls nobody answered form the row with an empty key.</summary>
    public static readonly IntervalGrouping Agent = new("agent", "coalesce(c.answered_by, '')", "",
        "coalesce(s.extension, '')", "coalesce(s.extension, '')", "coalesce(s.extension, '')");

    /// <summary>Per queue; calls that never queued form the row with an empty key; orders, complaints and tasks have no queue.</summary>
    public static readonly IntervalGrouping Queue = new("queue", "coalesce(c.queue_name, '')", "", null, null, null);

    /// <summary>Per department of the answering agent (orders and tasks: of the staff; complaints: where they were routed).</summary>
    public static readonly IntervalGrouping Department = new("department", "coalesce(d.code, '')",
        "LEFT JOIN staff s ON s.extension = c.answered_by LEFT JOIN departments d ON d.id = s.department_id",
        "coalesce(d.code, '')", "coalesce(fd.code, '')", "coalesce(d.code, '')");

    /// <summary>The groupings by name.</summary>
    public static readonly IReadOnlyDictionary<string, IntervalGrouping> ByName =
        new Dictionary<string, IntervalGrouping>(StringComparer.OrdinalIgnoreCase) { ["agent"] = Agent, ["queue"] = Queue, ["department"] = Department };

    /// <summary>The intervals by name.</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> Intervals = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase)
    {
        ["15min"] = TimeSpan.FromMinutes(15), ["hour"] = TimeSpan.FromHours(1), ["day"] = TimeSpan.FromDays(1), ["week"] = TimeSpan.FromDays(7),
    };

    /// <summary>Where intervals start: UTC midnight of Monday 1 January 2001, so weeks run Monday to Sunday.</summary>
    public static readonly DateTimeOffset Origin = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
