using System.Security.Claims;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using ContactCenter.PhoneNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Outbound;

/// <summary>
/// Department heads hand out call lists (DOMAIN "Records, notifications, outbound work"): by hand, or the sleeping
/// clients' list built from the order history. Clients who asked not to be called never get on a list.
/// </summary>
internal sealed class CallListDesk(CrmDbContext db, PhoneNumberNormalizer numbers, Audit audit, IOptions<OutboundOptions> options, TimeProvider time)
{
    public const int MaxTasks = 5000;
    public const string SleepingPurpose = "sleeping-clients";

    /// <summary>The purposes a list may have.</summary>
    public static readonly string[] Purposes = [SleepingPurpose, "survey", "informational", "sales-cold", "sales-warm"];

    public async Task<DeskResult<CallListDto>> CreateAsync(CreateCallListRequest request, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["Give the list a name of 1 to 200 characters."];
        }

        var purpose = request.Purpose?.Trim().ToLowerInvariant();
        if (purpose is null || !Purposes.Contains(purpose))
        {
            errors["purpose"] = [$"Give one of: {string.Join(", ", Purposes)}."];
        }

        var list = await NewListAsync(name ?? "", purpose ?? "", request.Instructions, request.DueDate, request.Operators, request.MaxAttempts,
            user, errors, cancellationToken);
        list.Questions = SurveyRules.Questions(request.Questions, errors, NewId);
        await AddTasksAsync(list, request.Tasks, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors);
        }

        return await SaveAsync(list, user, cancellationToken);
    }

    /// <summary>
    /// Builds the sleeping clients' list: active clients with a phone, not do-not-call, whose last order (or, without
    /// orders, their creation) is older than the given days, and who are not already waiting on another open list.
    /// </summary>
    public async Task<DeskResult<CallListDto>> CreateSleepingAsync(SleepingListRequest request,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var days = request.Days ?? options.Value.SleepingAfterDays;
        if (days is < 1 or > 3650)
        {
            errors["days"] = ["Give the days without an order, 1 to 3650."];
        }

        var today = Today;
        var list = await NewListAsync(request.Name?.Trim() is { Length: > 0 and <= 200 } given ? given : $"Sleeping clients {today:yyyy-MM-dd}",
            SleepingPurpose, request.Instructions ?? "No order for a while: ask how things are, offer the new products.", request.DueDate,
            request.Operators, request.MaxAttempts, user, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors);
        }

        var cutoff = time.GetUtcNow().AddDays(-days);
        var sleeping = await db.Clients.AsNoTracking()
            .Where(c => !c.DoNotCall && c.Phones.Any())
            .Where(c => (c.LastOrderAt ?? c.CreatedAt) <= cutoff)
            .Where(c => !db.Orders.Any(o => o.ClientId == c.Id && o.Status == OrderStatus.Accepted && o.AcceptedAt > cutoff))
            .Where(c => !db.CallTasks.Any(t => t.ClientId == c.Id && (t.Status == CallTaskStatus.Pending || t.Status == CallTaskStatus.InProgress)))
            .OrderBy(c => c.LastOrderAt ?? c.CreatedAt).ThenBy(c => c.Name)
            .Select(c => new { c.Id, Phone = c.Phones.OrderBy(p => p.Id).Select(p => p.E164).First() })
            .Take(MaxTasks).ToListAsync(cancellationToken);
        if (sleeping.Count == 0)
        {
            return DeskError.Conflict($"No client is sleeping: every client ordered within {days} days, asked not to be called, or is on an open list already.",
                "Nobody to call");
        }

        foreach (var client in sleeping)
        {
            list.Tasks.Add(NewTask(list, client.Id, client.Phone));
        }

        var created = await SaveAsync(list, user, cancellationToken);
        var ids = sleeping.Select(s => s.Id).ToList();
        await db.Clients.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClientStatus.Sleeping), cancellationToken);
        return created;
    }

    /// <summary>Lists: heads see the lists they gave, admins all, everyone else the lists they work.</summary>
    public async Task<List<CallListDto>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = await StaffLookup.OfAsync(db, user, cancellationToken);
        var query = db.CallLists.AsNoTracking();
        if (!StaffLookup.IsAdmin(user))
        {
            var id = me?.Id ?? Guid.Empty;
            query = query.Where(l => l.CreatedByStaffId == id || l.OperatorIds.Contains(id));
        }

        var lists = await query.Include(l => l.Questions).OrderByDescending(l => l.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var counts = await db.CallTasks.Where(t => lists.Select(l => l.Id).Contains(t.CallListId)).GroupBy(t => t.CallListId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var result = new List<CallListDto>();
        foreach (var list in lists)
        {
            result.Add(await ToDtoAsync(list, counts.GetValueOrDefault(list.Id), cancellationToken));
        }

        return result;
    }

    internal async Task<CallListDto> ToDtoAsync(CallList list, int tasks, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().Where(s => list.OperatorIds.Contains(s.Id) || s.Id == list.CreatedByStaffId)
            .ToDictionaryAsync(s => s.Id, s => s.Extension, cancellationToken);
        return new CallListDto(list.Id, list.Name, list.Purpose, list.Instructions, list.DueDate,
            list.CreatedByStaffId is { } head ? staff.GetValueOrDefault(head) : null,
            [.. list.OperatorIds.Select(id => staff.GetValueOrDefault(id) ?? "?")], list.MaxAttempts, tasks,
            [.. list.Questions.OrderBy(q => q.Number).Select(SurveyRules.ToDto)], list.CreatedAt);
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private async Task<CallList> NewListAsync(string name, string purpose, string? instructions, DateOnly? dueDate, List<string>? operators,
        int? maxAttempts, ClaimsPrincipal user, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (instructions is { Length: > 4000 })
        {
            errors["instructions"] = ["Instructions are at most 4000 characters."];
        }

        if (dueDate is { } due && due < Today)
        {
            errors["dueDate"] = [$"The due date {due:yyyy-MM-dd} is in the past."];
        }

        if (maxAttempts is < 1 or > 10)
        {
            errors["maxAttempts"] = ["Give 1 to 10 attempts per task."];
        }

        var operatorIds = new List<Guid>();
        if (operators is not { Count: > 0 and <= 100 })
        {
            errors["operators"] = ["Give the extensions of the operators who work the list (1 to 100)."];
        }
        else
        {
            var wanted = operators.Select(o => o?.Trim() ?? "").ToList();
            var found = await db.Staff.AsNoTracking().Where(s => wanted.Contains(s.Extension) && s.IsActive)
                .ToDictionaryAsync(s => s.Extension, s => s.Id, cancellationToken);
            for (var i = 0; i < wanted.Count; i++)
            {
                if (!found.TryGetValue(wanted[i], out var id))
                {
                    errors[$"operators[{i}]"] = [$"No active member of staff has extension '{wanted[i]}'."];
                }
                else if (!operatorIds.Contains(id))
                {
                    operatorIds.Add(id);
                }
            }
        }

        var me = await StaffLookup.OfAsync(db, user, cancellationToken);
        return new CallList
        {
            Id = NewId(), Name = name, Purpose = purpose, Instructions = string.IsNullOrWhiteSpace(instructions) ? null : instructions.Trim(),
            DueDate = dueDate, OperatorIds = operatorIds, MaxAttempts = maxAttempts ?? options.Value.MaxAttempts,
            CreatedByStaffId = me?.Id, CreatedAt = time.GetUtcNow(),
        };
    }

    private async Task AddTasksAsync(CallList list, List<CallTaskRequest>? tasks, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (tasks is not { Count: > 0 and <= MaxTasks })
        {
            errors["tasks"] = [$"Give 1 to {MaxTasks} tasks: a clientId, a phone, or both."];
            return;
        }

        var clientIds = tasks.Select(t => t?.ClientId).OfType<Guid>().Distinct().ToList();
        var byId = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.DoNotCall, Phones = c.Phones.OrderBy(p => p.Id).Select(p => p.E164).ToList() })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var phones = new HashSet<string>();
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var field = $"tasks[{i}]";
            string? e164 = null;
            if (task?.Phone is not null && !numbers.TryNormalize(task.Phone, out e164))
            {
                errors[field + ".phone"] = [$"'{task.Phone}' is not a phone number (expected e.g. +7 495 100-00-01 or 84951000001)."];
                continue;
            }

            var clientId = task?.ClientId;
            if (clientId is { } id)
            {
                if (!byId.TryGetValue(id, out var client))
                {
                    errors[field + ".clientId"] = [$"There is no client {id}."];
                    continue;
                }

                if (client.DoNotCall)
                {
                    errors[field + ".clientId"] = [$"{client.Name} asked not to be called (do-not-call)."];
                    continue;
                }

                e164 ??= client.Phones.FirstOrDefault();
                if (e164 is null)
                {
                    errors[field + ".phone"] = [$"{client.Name} has no phone number: give one."];
                    continue;
                }
            }
            else if (e164 is null)
            {
                errors[field] = ["Give a clientId, a phone, or both."];
                continue;
            }
            else
            {
                var owner = await db.ClientPhones.AsNoTracking().Where(p => p.E164 == e164)
                    .Join(db.Clients, p => p.ClientId, c => c.Id, (p, c) => new { c.Id, c.Name, c.DoNotCall }).FirstOrDefaultAsync(cancellationToken);
                if (owner is { DoNotCall: true })
                {
                    errors[field + ".phone"] = [$"{e164} is a number of {owner.Name}, who asked not to be called (do-not-call)."];
                    continue;
                }

                clientId = owner?.Id;
            }

            if (!phones.Add(e164))
            {
                errors[field + ".phone"] = [$"{e164} is on the list twice."];
                continue;
            }

            list.Tasks.Add(NewTask(list, clientId, e164));
        }
    }

    private CallTask NewTask(CallList list, Guid? clientId, string e164) =>
        new() { Id = NewId(), CallListId = list.Id, Position = list.Tasks.Count + 1, ClientId = clientId, PhoneE164 = e164 };

    private async Task<CallListDto> SaveAsync(CallList list, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        db.CallLists.Add(list);
        audit.Record(StaffLookup.UserName(user), "create", "call-list", list.Id.ToString(),
            $"purpose={list.Purpose};tasks={list.Tasks.Count};questions={list.Questions.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return await ToDtoAsync(list, list.Tasks.Count, cancellationToken);
    }

    private Guid NewId() => Guid.CreateVersion7(time.GetUtcNow());
}
