namespace ContactCenter.Crm.Reports;

/// <summary>A report: the period (from inclusive, to exclusive, UTC), the service-level threshold used, the rows and their total.</summary>
internal sealed record ReportDto(DateTimeOffset From, DateTimeOffset To, int ServiceLevelThresholdSeconds, IReadOnlyList<ReportRow> Rows, ReportRow Total);
