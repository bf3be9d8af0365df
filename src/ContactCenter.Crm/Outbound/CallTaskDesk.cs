using System.Security.Claims;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Dialing;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Outbound;

/// <summary>
/// Operators work their call lists: the next task previewed with the client's card, dialled through the call engine
/// (preview), or dialled at once (progressive); each result recorded, retried within the list's attempts, and the
/// settled ones reported back to the head.
/// </summary>
internal sealed class CallTaskDesk(CrmDbContext db, ClientCardReader cards, DoNotCallList doNotCall, IOutboundDialer dialer,
    CallTaskEvents events, Audit audit, IOptions<OutboundOptions> options, TimeProvider time)
{
    /// <summary>The purpose on the call record of a call from a list.</summary>
    public const string Purpose = "call-list";

    private const int MaxSkips = 20;

    /// <summary>The operator's next task with its preview, or null when nothing is due.</summary>
    public async Task<DeskResult<CallTaskPreviewDto?>> NextAsync(Guid? listId, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (await StaffLookup.OfAsync(db, user, cancellationToken) is not { } me)
        {
            return NoExtension();
        }

        var task = await ClaimNextAsync(me.Id, listId, cancellationToken);
        return task is null ? DeskResult.Success<CallTaskPreviewDto?>(null) : await PreviewAsync(task, user, cancellationToken);
    }

    public async Task<DeskResult<DialStartedDto>> DialAsync(Guid taskId, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (await StaffLookup.OfAsync(db, user, cancellationToken) is not { } me)
        {
            return NoExtension();
        }

        var (started, problem) = await DialTaskAsync(taskId, me, user, cancellationToken);
        return started is not null ? started : problem ?? DeskError.NotFound();
    }

    /// <summary>Progressive mode: takes the operator's next task and dials it at once (tasks refused as do-not-call are skipped).</summary>
    public async Task<DeskResult<DialStartedDto?>> DialNextAsync(Guid? listId, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (await StaffLookup.OfAsync(db, user, cancellationToken) is not { } me)
        {
            return NoExtension();
        }

        var (started, problem) = await DialNextCoreAsync(me, listId, user, cancellationToken);
        return problem is not null ? problem : started;
    }

    public async Task<DeskResult<CallTaskResultDto>> RecordResultAsync(Guid taskId,
        CallTaskResultRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await StaffLookup.OfAsync(db, user, cancellationToken) is not { } me)
        {
            return NoExtension();
        }

        var task = await db.CallTasks.Include(t => t.Answers).SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null)
        {
            return DeskError.NotFound();
        }

        var list = await db.CallLists.AsNoTracking().Include(l => l.Questions).SingleAsync(l => l.Id == task.CallListId, cancellationToken);
        if (Refusal(task, list, me) is { } refusal)
        {
            return refusal;
        }

        if (task.Attempts == 0)
        {
            return Conflict("Dial the task first: a result belongs to a call.");
        }

        if (task.Status != CallTaskStatus.InProgress || task.AssignedStaffId != me.Id)
        {
            return Conflict("The task is not in your hands: take it with next or dial it first.");
        }

        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (!KebabNames.TryParse<CallResult>(request.Result, out var result))
        {
            errors["result"] = [$"Give one of: {KebabNames.All<CallResult>()}."];
        }

        if (request.Notes is { Length: > 4000 })
        {
            errors["notes"] = ["Notes are at most 4000 characters."];
        }

        if (result == CallResult.CallBackLater && (request.CallBackAt is not { } at || at <= now || at > now.AddDays(90)))
        {
            errors["callBackAt"] = ["call-back-later: give when to call back, a time within the next 90 days."];
        }

        if (request.Answers is { Count: > 0 } && errors.Count == 0 && result != CallResult.Reached)
        {
            errors["answers"] = ["Survey answers are recorded only when the client was reached."];
        }

        var answers = SurveyRules.Answers(list.Questions, request.Answers, errors);
        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors);
        }

        Apply(task, list, result, request, me.Id, now);
        if (result == CallResult.Reached)
        {
            db.SurveyAnswers.RemoveRange(task.Answers.Where(a => answers.Keys.Any(q => q.Id == a.QuestionId)));
            db.SurveyAnswers.AddRange(answers.Select(a => new SurveyAnswer
            {
                Id = Guid.CreateVersion7(now), CallTaskId = task.Id, QuestionId = a.Key.Id, Value = a.Value,
            }));
        }

        if (task.Status is CallTaskStatus.Done or CallTaskStatus.Failed)
        {
            await events.EnqueueAsync(task, list, me.Extension, cancellationToken);
        }

        audit.Record(StaffLookup.UserName(user), "result", "call-task", task.Id.ToString(),
            $"result={KebabNames.Of(result)};status={task.Status};attempts={task.Attempts};answers={answers.Count}");
        await events.SaveAsync(cancellationToken);

        var (next, problem) = request.DialNext ? await DialNextCoreAsync(me, list.Id, user, cancellationToken) : (null, null);
        return new CallTaskResultDto(task.Id, KebabNames.Of(task.Status), KebabNames.Of(result), task.Attempts, task.NextAttemptAt,
            next, problem?.Detail);
    }

    private void Apply(CallTask task, CallList list, CallResult result, CallTaskResultRequest request, Guid me, DateTimeOffset now)
    {
        task.Result = result;
        task.Notes = string.IsNullOrWhiteSpace(request.Notes) ? task.Notes : request.Notes.Trim();
        (task.Status, task.NextAttemptAt) = result switch
        {
            CallResult.Reached or CallResult.Refused => (CallTaskStatus.Done, null),
            CallResult.WrongNumber => (CallTaskStatus.Failed, null),
            CallResult.CallBackLater => (CallTaskStatus.Pending, request.CallBackAt),
            _ when task.Attempts >= list.MaxAttempts => (CallTaskStatus.Failed, null),
            _ => (CallTaskStatus.Pending, now + options.Value.RetryAfter),
        };

        // A call-back the client asked for stays with the operator who spoke to the client; other retries go back to the pool.
        task.AssignedStaffId = result == CallResult.CallBackLater || task.Status != CallTaskStatus.Pending ? me : null;
        task.CompletedAt = task.Status == CallTaskStatus.Pending ? null : now;
    }

    private async Task<(DialStartedDto? Started, DeskError? Problem)> DialNextCoreAsync(Staff me, Guid? listId, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        for (var skipped = 0; skipped < MaxSkips; skipped++)
        {
            var task = await ClaimNextAsync(me.Id, listId, cancellationToken);
            if (task is null)
            {
                return (null, null);
            }

            var (started, problem) = await DialTaskAsync(task.Id, me, user, cancellationToken);
            if (started is not null || problem is null || !IsDoNotCall(problem))
            {
                return (started, problem);
            }
        }

        return (null, null);
    }

    private async Task<(DialStartedDto? Started, DeskError? Problem)> DialTaskAsync(Guid taskId, Staff me, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var task = await db.CallTasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null)
        {
            return (null, null);
        }

        var list = await db.CallLists.AsNoTracking().SingleAsync(l => l.Id == task.CallListId, cancellationToken);
        if (Refusal(task, list, me) is { } refusal)
        {
            return (null, refusal);
        }

        if (task.Attempts >= list.MaxAttempts)
        {
            return (null, Conflict($"All {list.MaxAttempts} attempts of this task are used: record its result."));
        }

        var now = time.GetUtcNow();
        if (await doNotCall.BlockedClientAsync(task.PhoneE164, task.ClientId, cancellationToken) is { } blocked)
        {
            (task.Status, task.Result, task.CompletedAt, task.NextAttemptAt, task.AssignedStaffId) = (CallTaskStatus.Failed, null, now, null, me.Id);
            task.Notes = "do-not-call";
            await events.EnqueueAsync(task, list, me.Extension, cancellationToken);
            audit.Record(StaffLookup.UserName(user), "refuse-dial", "call-task", task.Id.ToString(), "do-not-call");
            await events.SaveAsync(cancellationToken);
            return (null, DeskError.Conflict($"{blocked} asked not to be called (do-not-call): the task is closed.", DoNotCallList.ProblemTitle));
        }

        // Claim the attempt in the database before ringing anyone: of two requests racing for one task (two operators,
        // a double submit) only the one whose update still finds the task as both read it places a call.
        var (attempts, status, owner) = (task.Attempts, task.Status, task.AssignedStaffId);
        var claimed = await db.CallTasks
            .Where(t => t.Id == task.Id && t.Attempts == attempts && t.Status == status && t.AssignedStaffId == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Attempts, attempts + 1).SetProperty(t => t.Status, CallTaskStatus.InProgress)
                .SetProperty(t => t.AssignedStaffId, me.Id).SetProperty(t => t.LastAttemptAt, now), cancellationToken);
        if (claimed == 0)
        {
            return (null, Conflict("The task is being dialled already (another operator or a second request)."));
        }

        var attempt = dialer.Dial(me.Extension, task.PhoneE164, Purpose);
        if (attempt.CallId is not { } callId)
        {
            // Nothing rang: the task goes back as it was.
            await db.CallTasks.Where(t => t.Id == task.Id && t.Attempts == attempts + 1)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.Attempts, attempts).SetProperty(t => t.Status, status)
                    .SetProperty(t => t.AssignedStaffId, owner).SetProperty(t => t.LastAttemptAt, task.LastAttemptAt), cancellationToken);
            return (null, Conflict($"The call cannot be placed: {attempt.Refusal}."));
        }

        task.Status = CallTaskStatus.InProgress;
        task.AssignedStaffId = me.Id;
        task.Attempts = attempts + 1;
        task.LastAttemptAt = now;
        task.LastCallId = callId;
        audit.Record(StaffLookup.UserName(user), "dial", "call-task", task.Id.ToString(), $"call={callId};attempt={task.Attempts}");
        await db.SaveChangesAsync(cancellationToken);
        return (new DialStartedDto(task.Id, callId, me.Extension, task.PhoneE164, task.Attempts), null);
    }

    // Who may work the task now: an operator of the list, on a task that is open and not someone else's.
    private static DeskError? Refusal(CallTask task, CallList list, Staff me)
    {
        if (!list.OperatorIds.Contains(me.Id))
        {
            return DeskError.Forbidden($"{me.Extension} does not work the list '{list.Name}'.");
        }

        if (task.Status is CallTaskStatus.Done or CallTaskStatus.Failed)
        {
            return Conflict($"The task is {KebabNames.Of(task.Status)} already.");
        }

        return task.AssignedStaffId is { } owner && owner != me.Id && task.Status == CallTaskStatus.InProgress
            ? Conflict("Another operator is working on this task.")
            : null;
    }

    private async Task<CallTask?> ClaimNextAsync(Guid me, Guid? listId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        for (var round = 0; round < 5; round++)
        {
            var mine = await db.CallTasks.AsNoTracking()
                .Where(t => t.Status == CallTaskStatus.InProgress && t.AssignedStaffId == me && (listId == null || t.CallListId == listId))
                .OrderBy(t => t.LastAttemptAt).FirstOrDefaultAsync(cancellationToken);
            if (mine is not null)
            {
                return mine;
            }

            var candidate = await (
                from t in db.CallTasks
                join l in db.CallLists on t.CallListId equals l.Id
                where l.OperatorIds.Contains(me) && (listId == null || l.Id == listId)
                    && t.Status == CallTaskStatus.Pending && (t.NextAttemptAt == null || t.NextAttemptAt <= now)
                    && (t.AssignedStaffId == null || t.AssignedStaffId == me)
                    && !db.Clients.Any(c => c.Id == t.ClientId && c.DoNotCall)
                orderby t.AssignedStaffId == me descending, t.VoicemailCallId == null, l.DueDate == null, l.DueDate, l.CreatedAt, t.Position
                select t.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate == Guid.Empty)
            {
                return null;
            }

            var claimed = await db.CallTasks.Where(t => t.Id == candidate && t.Status == CallTaskStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, CallTaskStatus.InProgress).SetProperty(t => t.AssignedStaffId, me), cancellationToken);
            if (claimed == 1)
            {
                return await db.CallTasks.AsNoTracking().SingleAsync(t => t.Id == candidate, cancellationToken);
            }
        }

        return null;
    }

    private async Task<CallTaskPreviewDto> PreviewAsync(CallTask task, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var list = await db.CallLists.AsNoTracking().Include(l => l.Questions).SingleAsync(l => l.Id == task.CallListId, cancellationToken);
        var card = task.ClientId is { } clientId ? await cards.ReadAsync(clientId, null, cancellationToken) : null;
        if (card is not null)
        {
            audit.Record(StaffLookup.UserName(user), "read", "client-card", card.Id.ToString(), $"call-task={task.Id}");
            await db.SaveChangesAsync(cancellationToken);
        }

        var voicemail = task.VoicemailCallId is { } callId
            ? await db.Recordings.AsNoTracking().Where(r => r.CallId == callId)
                .Select(r => new VoicemailDto(r.CallId, Math.Round(r.Duration.TotalSeconds, 1), r.RecordedAt, $"/api/recordings/{r.CallId}/audio"))
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        return new CallTaskPreviewDto(task.Id, list.Id, list.Name, list.Purpose, list.Instructions, task.PhoneE164, task.Attempts, list.MaxAttempts,
            task.Result is { } result ? KebabNames.Of(result) : null, task.Notes, card, [.. list.Questions.OrderBy(q => q.Number).Select(SurveyRules.ToDto)])
        {
            Voicemail = voicemail,
        };
    }

    private static bool IsDoNotCall(DeskError problem) => problem.Title == DoNotCallList.ProblemTitle;

    private static DeskError Conflict(string detail) => DeskError.Conflict(detail);

    private static DeskError NoExtension() =>
        DeskError.Forbidden("Call lists are worked by staff with an extension; this sign-in has none.");
}
