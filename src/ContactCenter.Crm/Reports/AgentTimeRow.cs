namespace ContactCenter.Crm.Reports;

/// <summary>
/// An agent's time over a period, from the stored state changes, in seconds: logged in (available, ringing, on a call,
/// wrap-up or break), available, on calls (ringing and talking), wrap-up, break (in all and by reason); occupancy is
/// (on calls + wrap-up) / (available + on calls + wrap-up), in percent.
/// </summary>
internal sealed record AgentTimeRow(string Extension, string Name, string? Department, double LoggedInSeconds, double AvailableSeconds,
    double OnCallsSeconds, double WrapUpSeconds, double BreakSeconds, IReadOnlyDictionary<string, double> BreakByReason, double? OccupancyPercent);

/// <summary>The agent time report: the period (the end cut at the time it was made), one row per agent with any time.</summary>
internal sealed record AgentTimeReportDto(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<AgentTimeRow> Rows);
