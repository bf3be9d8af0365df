namespace ContactCenter.Crm.Reports;

/// <summary>
/// One line of a report: an agent (<c>Extension</c> set), a department (<c>Department</c> set, <c>Extension</c> null) or
/// the total. Call figures are for inbound calls received in the period (<c>OutboundCalls</c>: answered calls the agent
/// placed); <c>Abandoned</c> counts callers who hung up while ringing at the row's agents (the total: every abandoned
/// call, queued ones included); the service level is answered within the threshold over answered plus abandoned.
/// Orders are those accepted in the period, by the staff who took them. Complaints and wishes: for an agent those they
/// recorded, for a department those routed to it. Promotions: offered on accepted orders, and those the client took.
/// </summary>
internal sealed record ReportRow(
    string? Extension,
    string Name,
    string? Department,
    long CallsHandled,
    long OutboundCalls,
    long AnsweredWithinThreshold,
    long Abandoned,
    double? ServiceLevelPercent,
    double? AverageSpeedOfAnswerSeconds,
    double? AverageHandleTimeSeconds,
    long OrdersAccepted,
    double? AverageOrderLines,
    decimal? AverageOrderValue,
    long UpsellOffered,
    long UpsellAccepted,
    long Complaints,
    long JustifiedComplaints,
    long Wishes,
    long PromotionsOffered,
    long PromotionsAccepted);
