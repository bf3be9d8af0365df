using System.Globalization;
using ContactCenter.Crm.Csv;

namespace ContactCenter.Crm.Reports;

/// <summary>Writes a report as CSV (RFC 4180: comma-separated, CRLF, quoted where needed, invariant numbers), the total last.</summary>
internal static class ReportCsv
{
    private static readonly string[] Figures =
    [
        "calls_handled", "outbound_calls", "answered_within_threshold", "abandoned", "service_level_percent", "average_speed_of_answer_seconds",
        "average_handle_time_seconds", "orders_accepted", "average_order_lines", "average_order_value", "upsell_offered", "upsell_accepted",
        "complaints", "justified_complaints", "wishes", "promotions_offered", "promotions_accepted",
    ];

    /// <summary>The agents report: one line per extension.</summary>
    public static string Agents(ReportDto report) => Write(report, ["extension", "name", "department"], r => [r.Extension, r.Name, r.Department]);

    /// <summary>The departments report: one line per department.</summary>
    public static string Departments(ReportDto report) => Write(report, ["department", "name"], r => [r.Department, r.Name]);

    /// <summary>The agent time report: one line per agent; breaks by reason as <c>reason=seconds</c> pairs separated by semicolons.</summary>
    public static string AgentTime(AgentTimeReportDto report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return CsvText.ToText(
            ["extension", "name", "department", "logged_in_seconds", "available_seconds", "on_calls_seconds", "wrap_up_seconds", "break_seconds",
                "occupancy_percent", "breaks_by_reason"],
            report.Rows.Select(r => (IEnumerable<string?>)
            [
                r.Extension, r.Name, r.Department, N(r.LoggedInSeconds), N(r.AvailableSeconds), N(r.OnCallsSeconds), N(r.WrapUpSeconds),
                N(r.BreakSeconds), N(r.OccupancyPercent), string.Join(";", r.BreakByReason.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={N(b.Value)}")),
            ]));
    }

    private static string Write(ReportDto report, string[] keyColumns, Func<ReportRow, string?[]> keys)
    {
        ArgumentNullException.ThrowIfNull(report);
        return CsvText.ToText([.. keyColumns, .. Figures], report.Rows.Append(report.Total).Select(row => (IEnumerable<string?>)
            [
                .. keys(row), N(row.CallsHandled), N(row.OutboundCalls), N(row.AnsweredWithinThreshold), N(row.Abandoned),
                N(row.ServiceLevelPercent), N(row.AverageSpeedOfAnswerSeconds), N(row.AverageHandleTimeSeconds), N(row.OrdersAccepted),
                N(row.AverageOrderLines), row.AverageOrderValue?.ToString("0.00", CultureInfo.InvariantCulture), N(row.UpsellOffered),
                N(row.UpsellAccepted), N(row.Complaints), N(row.JustifiedComplaints), N(row.Wishes), N(row.PromotionsOffered), N(row.PromotionsAccepted),
            ]));
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? N(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);
}
