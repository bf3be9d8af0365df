using System.Globalization;
using ContactCenter.Crm.Csv;

namespace ContactCenter.Crm.Reports;

/// <summary>Writes an interval report as CSV (RFC 4180, invariant numbers, times in ISO 8601 UTC), the total last; task results as <c>result=count</c> pairs.</summary>
internal static class IntervalCsv
{
    public static string Write(IntervalReportDto report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return CsvText.ToText(
            ["interval_start", report.By, "name", "offered", "answered", "abandoned", "answered_in_time", "service_level_percent",
                "average_speed_of_answer_seconds", "average_handle_time_seconds", "longest_wait_seconds", "orders", "lines", "volume",
                "items_per_order", "upsell_offered", "upsell_accepted", "promotions_offered", "promotions_accepted", "complaints", "tasks_done", "task_results"],
            report.Rows.Append(report.Total).Select(r => (IEnumerable<string?>)
            [
                r.Start?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.Key, r.Name, N(r.Offered), N(r.Answered),
                N(r.Abandoned), N(r.AnsweredInTime), N(r.ServiceLevelPercent), N(r.AverageSpeedOfAnswerSeconds), N(r.AverageHandleTimeSeconds),
                N(r.LongestWaitSeconds), N(r.Orders), N(r.Lines), r.Volume.ToString("0.00", CultureInfo.InvariantCulture), N(r.ItemsPerOrder),
                N(r.UpsellOffered), N(r.UpsellAccepted), N(r.PromotionsOffered), N(r.PromotionsAccepted), N(r.Complaints), N(r.TasksDone),
                string.Join(";", r.TaskResults.Select(t => $"{t.Key}={N(t.Value)}")),
            ]));
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? N(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);
}
