using System.Globalization;

namespace ContactCenter.Crm.Reports;

/// <summary>
/// The period a report covers, from (inclusive) to (exclusive), in UTC. A date alone (<c>2026-11-30</c>) means the
/// whole day: <c>from</c> its start, <c>to</c> its end; a date and time (<c>2026-11-30T12:00:00Z</c>) is taken as given.
/// </summary>
internal sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Parses and checks <paramref name="from"/> and <paramref name="to"/>; errors name the field.</summary>
    public static bool TryParse(string? from, string? to, int maxDays, out ReportPeriod? period, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var start = Parse("from", from, endOfDay: false, errors);
        var end = Parse("to", to, endOfDay: true, errors);
        if (start is not null && end is not null)
        {
            if (end <= start)
            {
                errors["to"] = ["'to' must be after 'from'."];
            }
            else if (end.Value - start.Value > TimeSpan.FromDays(maxDays))
            {
                errors["to"] = [$"A report covers at most {maxDays} days."];
            }
        }

        period = errors.Count == 0 ? new ReportPeriod(start!.Value, end!.Value) : null;
        return period is not null;
    }

    private static DateTimeOffset? Parse(string field, string? value, bool endOfDay, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"Give '{field}', a date (2026-11-01) or a date and time (2026-11-01T08:00:00Z)."];
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        errors[field] = [$"'{value}' is not a date (2026-11-01) or a date and time (2026-11-01T08:00:00Z)."];
        return null;
    }
}
