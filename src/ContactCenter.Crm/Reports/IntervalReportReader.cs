using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Reports;

/// <summary>
/// The reports page's figures: per agent, queue or department and per interval (15 min, hour, day, week, or the whole
/// period as one), with the period's total. See <see cref="IntervalRow"/> for what each figure counts.
/// </summary>
internal sealed class IntervalReportReader(CrmDbContext db, ServiceLevel serviceLevel, TimeProvider time)
{
    private readonly IntervalQueries _queries = new(db, serviceLevel, new CallDaySummaries(db, serviceLevel, time));

    /// <summary>
    /// The report over <paramref name="period"/>; <paramref name="interval"/> null makes the whole period one interval.
    /// <paramref name="onlyKey"/> keeps one agent's rows (a manager's own).
    /// </summary>
    public async Task<IntervalReportDto> ReadAsync(ReportPeriod period, IntervalGrouping by, string? interval, string? onlyKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(by);
        var (step, origin) = interval is null ? (period.To - period.From, period.From) : (IntervalGrouping.Intervals[interval], IntervalGrouping.Origin);
        var figures = await _queries.CallsAsync(by, period.From, period.To, step, origin, cancellationToken);
        figures.AddRange(await _queries.DeskAsync(by, period.From, period.To, step, origin, cancellationToken));
        if (onlyKey is not null)
        {
            figures.RemoveAll(f => f.Key != onlyKey);
        }

        var names = await NamesAsync(by, cancellationToken);
        string NameOf(string key) => key.Length == 0 ? (by == IntervalGrouping.Queue ? "(no queue)" : "(not answered)") : names.GetValueOrDefault(key, key);
        var rows = figures.GroupBy(f => (f.Bucket, f.Key)).OrderBy(g => g.Key.Bucket).ThenBy(g => g.Key.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key.Bucket, g.Key.Key, NameOf(g.Key.Key), g)).ToList();
        var total = Row(null, "", "Total", figures);
        return new IntervalReportDto(period.From, period.To, by.Name, interval ?? "period", (int)serviceLevel.DefaultThreshold.TotalSeconds, rows, total);
    }

    private async Task<Dictionary<string, string>> NamesAsync(IntervalGrouping by, CancellationToken cancellationToken)
    {
        if (by == IntervalGrouping.Agent)
        {
            return await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Extension, s => s.FullName, StringComparer.Ordinal, cancellationToken);
        }

        return by == IntervalGrouping.Department
            ? await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, StringComparer.Ordinal, cancellationToken)
            : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private static IntervalRow Row(DateTimeOffset? start, string key, string name, IEnumerable<IntervalFigures> parts)
    {
        var f = new IntervalFigures();
        var results = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in parts)
        {
            (f.Offered, f.Answered, f.Abandoned, f.AnsweredInTime) = (f.Offered + p.Offered, f.Answered + p.Answered, f.Abandoned + p.Abandoned,
                f.AnsweredInTime + p.AnsweredInTime);
            (f.WaitSeconds, f.TalkSeconds, f.Ended) = (f.WaitSeconds + p.WaitSeconds, f.TalkSeconds + p.TalkSeconds, f.Ended + p.Ended);
            f.LongestWaitSeconds = Math.Max(f.LongestWaitSeconds, p.LongestWaitSeconds);
            (f.Orders, f.Lines, f.Volume) = (f.Orders + p.Orders, f.Lines + p.Lines, f.Volume + p.Volume);
            (f.UpsellOffered, f.UpsellAccepted, f.Complaints) = (f.UpsellOffered + p.UpsellOffered, f.UpsellAccepted + p.UpsellAccepted, f.Complaints + p.Complaints);
            (f.PromotionsOffered, f.PromotionsAccepted) = (f.PromotionsOffered + p.PromotionsOffered, f.PromotionsAccepted + p.PromotionsAccepted);
            f.TasksDone += p.TasksDone;
            if (p.TasksDone > 0)
            {
                results[p.Result ?? ""] = results.GetValueOrDefault(p.Result ?? "") + p.TasksDone;
            }
        }

        return new IntervalRow(start, key, name, f.Offered, f.Answered, f.Abandoned, f.AnsweredInTime,
            ServiceLevel.Percent(f.AnsweredInTime, f.Answered, f.Abandoned),
            f.Answered == 0 ? null : Round(f.WaitSeconds / f.Answered),
            f.Ended == 0 ? null : Round(f.TalkSeconds / f.Ended),
            f.Offered == 0 ? null : Round(f.LongestWaitSeconds),
            f.Orders, f.Lines, f.Volume, f.Orders == 0 ? null : Math.Round((double)f.Lines / f.Orders, 2, MidpointRounding.AwayFromZero),
            f.UpsellOffered, f.UpsellAccepted, f.PromotionsOffered, f.PromotionsAccepted, f.Complaints, f.TasksDone, results);
    }

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
