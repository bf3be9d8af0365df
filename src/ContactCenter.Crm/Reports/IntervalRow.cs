namespace ContactCenter.Crm.Reports;

/// <summary>
/// One interval of one agent, queue or department (<c>Key</c>; empty: calls nobody answered, or that never queued), or the
/// period's total (<c>Start</c> null). Calls are inbound calls received in the interval: offered (all), answered,
/// abandoned (the caller hung up first), answered in time, service level (<see cref="ServiceLevel"/>), average speed of
/// answer, average handle time, longest wait (to answer or to hang up). Orders accepted, their lines, volume (value) and
/// items (lines) per order, upsell offered/accepted, promotions offered/accepted, complaints recorded (departments: routed to them), call-list tasks
/// done and their results.
/// </summary>
internal sealed record IntervalRow(DateTimeOffset? Start, string Key, string Name, long Offered, long Answered, long Abandoned, long AnsweredInTime,
    double? ServiceLevelPercent, double? AverageSpeedOfAnswerSeconds, double? AverageHandleTimeSeconds, double? LongestWaitSeconds, long Orders,
    long Lines, decimal Volume, double? ItemsPerOrder, long UpsellOffered, long UpsellAccepted, long PromotionsOffered, long PromotionsAccepted, long Complaints, long TasksDone,
    IReadOnlyDictionary<string, long> TaskResults);

/// <summary>An interval report: the period, the grouping and interval, the default service-level threshold, the rows (by start, then key) and the total.</summary>
internal sealed record IntervalReportDto(DateTimeOffset From, DateTimeOffset To, string By, string Interval, int ServiceLevelThresholdSeconds,
    IReadOnlyList<IntervalRow> Rows, IntervalRow Total);
