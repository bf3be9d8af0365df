using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Reports;

/// <summary>
/// The reports "How the work is judged" asks for (DOMAIN): per agent and per department over a period, with the
/// contact-center figures (service level, average speed of answer, average handle time, abandonment), orders, upsell
/// and complaints. See <see cref="ReportRow"/> for what each figure counts.
/// </summary>
internal sealed class ReportReader(CrmDbContext db, ServiceLevel serviceLevel, TimeProvider time)
{
    private readonly ReportQueries _queries = new(db);
    private readonly CallDaySummaries _summaries = new(db, serviceLevel, time);

    /// <summary>The service-level threshold of calls without a queue of their own (queues may have their own).</summary>
    public TimeSpan Threshold => serviceLevel.DefaultThreshold;

    /// <summary>
    /// One row per member of staff (active, or with figures in the period) and per unknown extension that answered
    /// calls, by extension; <paramref name="onlyExtension"/> keeps that one row (a manager's own).
    /// </summary>
    public async Task<ReportDto> AgentsAsync(ReportPeriod period, string? onlyExtension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var figures = await LoadAsync(period, cancellationToken);
        var staff = await db.Staff.AsNoTracking()
            .Select(s => new { s.Id, s.Extension, s.FullName, s.IsActive, Department = s.Department == null ? null : s.Department.Code })
            .ToListAsync(cancellationToken);
        var rows = new List<ReportRow>();
        foreach (var person in staff)
        {
            var tally = figures.Calls.GetValueOrDefault(person.Extension) ?? new ReportTally();
            if (figures.OrdersByStaff.TryGetValue(person.Id, out var orders))
            {
                tally.AddOrders(orders);
            }

            foreach (var f in figures.Feedback.Where(f => f.StaffId == person.Id))
            {
                tally.AddFeedback(f.Complaints, f.Justified, f.Wishes);
            }

            var row = tally.ToRow(person.Extension, person.FullName, person.Department);
            if (person.IsActive || row != new ReportTally().ToRow(person.Extension, person.FullName, person.Department))
            {
                rows.Add(row);
            }
        }

        var known = staff.Select(s => s.Extension).ToHashSet(StringComparer.Ordinal);
        rows.AddRange(figures.Calls.Where(c => !known.Contains(c.Key)).Select(c => c.Value.ToRow(c.Key, "(not on staff)", null)));
        rows = [.. rows.Where(r => onlyExtension is null || r.Extension == onlyExtension).OrderBy(r => r.Extension, StringComparer.Ordinal)];
        var total = onlyExtension is null
            ? figures.Total()
            : (rows.Count == 1 ? rows[0] : new ReportTally().ToRow(null, "", null)) with { Extension = null, Name = "Total", Department = null };
        return new ReportDto(period.From, period.To, (int)Threshold.TotalSeconds, rows, total);
    }

    /// <summary>One row per department: its staff's calls and orders, and the complaints and wishes routed to it.</summary>
    public async Task<ReportDto> DepartmentsAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var figures = await LoadAsync(period, cancellationToken);
        var staff = await db.Staff.AsNoTracking().Select(s => new { s.Id, s.Extension, s.DepartmentId }).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(cancellationToken);
        var rows = new List<ReportRow>();
        foreach (var department in departments)
        {
            var tally = new ReportTally();
            foreach (var person in staff.Where(s => s.DepartmentId == department.Id))
            {
                if (figures.Calls.TryGetValue(person.Extension, out var calls))
                {
                    tally.AddCalls(calls);
                }

                if (figures.OrdersByStaff.TryGetValue(person.Id, out var orders))
                {
                    tally.AddOrders(orders);
                }
            }

            foreach (var f in figures.Feedback.Where(f => f.DepartmentId == department.Id))
            {
                tally.AddFeedback(f.Complaints, f.Justified, f.Wishes);
            }

            rows.Add(tally.ToRow(null, department.Name, department.Code));
        }

        return new ReportDto(period.From, period.To, (int)Threshold.TotalSeconds, rows, figures.Total());
    }

    // Calls come from the per-day sums for the period's closed whole days and from the calls themselves for the rest
    // (the edges, today), so a month reads a few rows per agent and day instead of every call and its events.
    private async Task<PeriodFigures> LoadAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var calls = new Dictionary<string, ReportTally>(StringComparer.Ordinal);
        ReportTally Of(string extension) => calls.TryGetValue(extension, out var t) ? t : calls[extension] = new ReportTally();
        long abandoned = 0;
        List<ReportPeriod> live = [period];
        if (_summaries.ClosedDays(period.From, period.To, period.To - period.From, period.From) is { } closed)
        {
            await _summaries.EnsureAsync(closed.From, closed.To, cancellationToken);
            foreach (var day in await _summaries.ReadAgentsAsync(closed.From, closed.To, cancellationToken))
            {
                abandoned += day.Abandoned;
                if (day.Extension.Length > 0 && (day.Handled > 0 || day.Outbound > 0 || day.AbandonedAtAgent > 0))
                {
                    var tally = Of(day.Extension);
                    tally.AddCalls(ToTally(day));
                    tally.Abandoned += day.AbandonedAtAgent;
                }
            }

            live = [.. new[] { new ReportPeriod(period.From, closed.From), new ReportPeriod(closed.To, period.To) }.Where(p => p.From < p.To)];
        }

        foreach (var part in live)
        {
            foreach (var c in await _queries.CallsAsync(part, serviceLevel, cancellationToken))
            {
                Of(c.Extension).AddCalls(ToTally(c));
            }

            foreach (var a in await _queries.AbandonedAtAgentsAsync(part, cancellationToken))
            {
                Of(a.Extension).Abandoned += a.Abandoned;
            }

            abandoned += await _queries.AbandonedAsync(part, cancellationToken);
        }

        var orders = await _queries.OrdersAsync(period, cancellationToken);
        return new PeriodFigures(
            calls,
            orders.Where(o => o.StaffId is not null).ToDictionary(o => o.StaffId!.Value, ToTally),
            orders.Select(ToTally).ToList(),
            await _queries.FeedbackAsync(period, cancellationToken),
            abandoned);
    }

    private static ReportTally ToTally(CallFigures c) => new()
    {
        Handled = c.Handled, Outbound = c.Outbound, WithinThreshold = c.WithinThreshold, WaitSeconds = c.WaitSeconds, TalkSeconds = c.TalkSeconds,
        Ended = c.Ended,
    };

    private static ReportTally ToTally(OrderFigures o) => new()
    {
        Orders = o.Orders, Lines = o.Lines, Value = o.Value, Offered = o.Offered, OffersAccepted = o.OffersAccepted,
        PromotionsOffered = o.PromotionsOffered, PromotionsAccepted = o.PromotionsAccepted,
    };
}
