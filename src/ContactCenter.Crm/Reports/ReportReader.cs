using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Reports;

/// <summary>
/// The reports "How the work is judged" asks for (DOMAIN): per agent and per department over a period, with the
/// contact-center figures (service level, average speed of answer, average handle time, abandonment), orders, upsell
/// and complaints. See <see cref="ReportRow"/> for what each figure counts.
/// </summary>
internal sealed class ReportReader(CrmDbContext db, ServiceLevel serviceLevel)
{
    private readonly ReportQueries _queries = new(db);

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

    private async Task<PeriodFigures> LoadAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var calls = (await _queries.CallsAsync(period, serviceLevel, cancellationToken)).ToDictionary(c => c.Extension, c => new ReportTally
        {
            Handled = c.Handled, Outbound = c.Outbound, WithinThreshold = c.WithinThreshold, WaitSeconds = c.WaitSeconds,
            TalkSeconds = c.TalkSeconds, Ended = c.Ended,
        }, StringComparer.Ordinal);
        foreach (var abandoned in await _queries.AbandonedAtAgentsAsync(period, cancellationToken))
        {
            if (!calls.TryGetValue(abandoned.Extension, out var tally))
            {
                calls[abandoned.Extension] = tally = new ReportTally();
            }

            tally.Abandoned = abandoned.Abandoned;
        }

        var orders = await _queries.OrdersAsync(period, cancellationToken);
        return new PeriodFigures(
            calls,
            orders.Where(o => o.StaffId is not null).ToDictionary(o => o.StaffId!.Value, ToTally),
            orders.Select(ToTally).ToList(),
            await _queries.FeedbackAsync(period, cancellationToken),
            await _queries.AbandonedAsync(period, cancellationToken));
    }

    private static ReportTally ToTally(OrderFigures o) => new()
    {
        Orders = o.Orders, Lines = o.Lines, Value = o.Value, Offered = o.Offered, OffersAccepted = o.OffersAccepted,
        PromotionsOffered = o.PromotionsOffered, PromotionsAccepted = o.PromotionsAccepted,
    };
}
