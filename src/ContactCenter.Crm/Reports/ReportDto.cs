namespace ContactCenter.Crm.Reports;

/// <summary>A report: the period (from inclusive, to exclusive, UTC), the service-level threshold used, the rows and their total.</summary>
public sealed record ReportDto(DateTimeOffset From, DateTimeOffset To, int ServiceLevelThresholdSeconds, IReadOnlyList<ReportRow> Rows, ReportRow Total);
