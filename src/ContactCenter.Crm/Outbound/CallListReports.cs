using System.Globalization;
using System.Security.Claims;
using ContactCenter.Crm.Csv;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Outbound;

/// <summary>
/// What the head who gave a list reads: its progress (tasks by status and result) and its survey's answers, aggregated,
/// per task, and as CSV. Only that head and admins read them; each read is audited.
/// </summary>
internal sealed class CallListReports(CrmDbContext db, Audit audit)
{
    private static readonly string[] YesNo = ["yes", "no"];

    public async Task<DeskResult<CallListProgressDto>> ProgressAsync(Guid listId, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var (list, refusal) = await ReadableAsync(listId, user, "progress", cancellationToken);
        if (list is null)
        {
            return refusal!;
        }

        var rows = await RowsAsync(listId, cancellationToken);
        int Count(CallTaskStatus status) => rows.Count(r => r.Status == KebabNames.Of(status));
        var results = rows.Where(r => r.Result is not null).GroupBy(r => r.Result!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        return new CallListProgressDto(list.Id, list.Name, list.Purpose, list.DueDate, rows.Count, Count(CallTaskStatus.Pending),
            Count(CallTaskStatus.InProgress), Count(CallTaskStatus.Done), Count(CallTaskStatus.Failed), results, rows);
    }

    public async Task<DeskResult<SurveyResultsDto>> AnswersAsync(Guid listId, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var (list, refusal) = await ReadableAsync(listId, user, "survey-answers", cancellationToken);
        return list is null ? refusal! : await ResultsAsync(list, cancellationToken);
    }

    public async Task<DeskResult<CsvDocument>> CsvAsync(Guid listId, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var (list, refusal) = await ReadableAsync(listId, user, "survey-csv", cancellationToken);
        if (list is null)
        {
            return refusal!;
        }

        var rows = await RowsAsync(listId, cancellationToken);
        var answers = (await ResultsAsync(list, cancellationToken)).Tasks.ToDictionary(t => t.TaskId);
        var questions = list.Questions.OrderBy(q => q.Number).ToList();
        var csv = CsvText.ToText(
            ["task", "position", "client", "phone", "status", "result", "attempts", "operator", "notes", .. questions.Select(q => $"Q{q.Number} {q.Text}")],
            rows.Select(row => (IEnumerable<string?>)
            [
                row.TaskId.ToString(), row.Position.ToString(CultureInfo.InvariantCulture), row.Client, row.Phone, row.Status, row.Result,
                row.Attempts.ToString(CultureInfo.InvariantCulture), row.Operator, row.Notes,
                .. questions.Select(q => answers.GetValueOrDefault(row.TaskId)?.Answers?.GetValueOrDefault(q.Number.ToString(CultureInfo.InvariantCulture))),
            ]));
        return new CsvDocument($"call-list-{list.Id}.csv", csv);
    }

    private async Task<SurveyResultsDto> ResultsAsync(CallList list, CancellationToken cancellationToken)
    {
        var answers = await (
            from a in db.SurveyAnswers
            join t in db.CallTasks on a.CallTaskId equals t.Id
            where t.CallListId == list.Id
            select new { a.CallTaskId, a.QuestionId, a.Value, t.Position, t.PhoneE164, Client = db.Clients.Where(c => c.Id == t.ClientId).Select(c => c.Name).FirstOrDefault() })
            .AsNoTracking().ToListAsync(cancellationToken);
        var numbers = list.Questions.ToDictionary(q => q.Id, q => q.Number.ToString(CultureInfo.InvariantCulture));
        var questions = list.Questions.OrderBy(q => q.Number).Select(q =>
        {
            var values = answers.Where(a => a.QuestionId == q.Id).Select(a => a.Value).ToList();
            var counts = q.Kind switch
            {
                SurveyQuestionKind.YesNo => YesNo.ToDictionary(v => v, v => values.Count(a => a == v)),
                SurveyQuestionKind.Choice => q.Choices.ToDictionary(v => v, v => values.Count(a => a == v)),
                SurveyQuestionKind.Scale => Enumerable.Range(1, 5).ToDictionary(v => v.ToString(CultureInfo.InvariantCulture),
                    v => values.Count(a => a == v.ToString(CultureInfo.InvariantCulture))),
                _ => [],
            };
            double? average = q.Kind == SurveyQuestionKind.Scale && values.Count > 0
                ? Math.Round(values.Average(v => int.Parse(v, CultureInfo.InvariantCulture)), 2)
                : null;
            return new QuestionResultDto(q.Number, q.Text, KebabNames.Of(q.Kind), values.Count, counts, average,
                q.Kind == SurveyQuestionKind.Text ? values : []);
        }).ToList();
        var tasks = answers.GroupBy(a => a.CallTaskId).OrderBy(g => g.First().Position)
            .Select(g => new TaskAnswersDto(g.Key, g.First().Client, g.First().PhoneE164,
                g.Where(a => numbers.ContainsKey(a.QuestionId)).ToDictionary(a => numbers[a.QuestionId], a => a.Value)))
            .ToList();
        return new SurveyResultsDto(list.Id, list.Name, tasks.Count, questions, tasks);
    }

    private async Task<List<CallTaskRowDto>> RowsAsync(Guid listId, CancellationToken cancellationToken)
    {
        var rows = await db.CallTasks.AsNoTracking().Where(t => t.CallListId == listId).OrderBy(t => t.Position)
            .Select(t => new
            {
                t.Id, t.Position, t.ClientId, Client = db.Clients.Where(c => c.Id == t.ClientId).Select(c => c.Name).FirstOrDefault(),
                t.PhoneE164, t.Status, t.Result, t.Attempts, Operator = db.Staff.Where(s => s.Id == t.AssignedStaffId).Select(s => s.Extension).FirstOrDefault(),
                t.LastAttemptAt, t.NextAttemptAt, t.Notes,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(t => new CallTaskRowDto(t.Id, t.Position, t.ClientId, t.Client, t.PhoneE164, KebabNames.Of(t.Status),
            t.Result is { } result ? KebabNames.Of(result) : null, t.Attempts, t.Operator, t.LastAttemptAt, t.NextAttemptAt, t.Notes))];
    }

    private async Task<(CallList? List, DeskError? Refusal)> ReadableAsync(Guid listId, ClaimsPrincipal user, string what,
        CancellationToken cancellationToken)
    {
        var list = await db.CallLists.AsNoTracking().Include(l => l.Questions).SingleOrDefaultAsync(l => l.Id == listId, cancellationToken);
        if (list is null)
        {
            return (null, DeskError.NotFound());
        }

        var me = await StaffLookup.OfAsync(db, user, cancellationToken);
        if (!StaffLookup.IsAdmin(user) && (me is null || list.CreatedByStaffId != me.Id))
        {
            return (null, DeskError.Forbidden($"Only the head who gave the list '{list.Name}' reads its results."));
        }

        audit.Record(StaffLookup.UserName(user), "read", "call-list", list.Id.ToString(), what);
        await db.SaveChangesAsync(cancellationToken);
        return (list, null);
    }
}
