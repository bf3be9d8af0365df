using System.Linq.Expressions;
using ContactCenter.Contracts.Feedback;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Feedback;

/// <summary>
/// Complaints and wishes: recorded by staff on a call, routed at once to the department of their category (a
/// notification and a <see cref="FeedbackReceived"/> through the outbox), reviewed by that department's head.
/// </summary>
internal sealed class FeedbackDesk(CrmDbContext db, Notifier notifier, Outbox.Outbox outbox, Audit audit, IOptions<FeedbackOptions> options,
    TimeProvider time)
{
    /// <summary>Longest text or resolution kept.</summary>
    public const int MaxText = 4000;

    /// <summary>The most items one list returns.</summary>
    public const int MaxItems = 500;

    /// <summary>Records a complaint or wish; 400 naming each bad field.</summary>
    public async Task<DeskResult<FeedbackDto>> RecordAsync(RecordFeedbackRequest request, string userName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var client = request.ClientId is { } clientId
            ? await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Id, c.Name, c.AssignedManagerId }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (client is null)
        {
            errors["clientId"] = [request.ClientId is null ? "Give the client." : $"There is no client {request.ClientId}."];
        }

        var kind = ParseKind(request.Kind);
        if (kind is null)
        {
            errors["kind"] = ["Give the kind: complaint or wish."];
        }

        var category = request.Category?.Trim().ToLowerInvariant();
        if (category is null || !options.Value.Categories.ContainsKey(category))
        {
            errors["category"] = [$"Give one of the categories: {string.Join(", ", options.Value.Categories.Keys.Order(StringComparer.Ordinal))}."];
        }

        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxText)
        {
            errors["text"] = [$"Say what the client said, in 1 to {MaxText} characters."];
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The complaint or wish cannot be recorded");
        }

        var code = options.Value.Categories[category!];
        var department = await db.Departments.AsNoTracking().Where(d => d.Code == code).Select(d => new { d.Id, d.Code, d.HeadStaffId })
            .FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        var item = new FeedbackItem
        {
            Id = Guid.CreateVersion7(now), ClientId = client!.Id, CallId = request.CallId, Kind = kind!.Value, Category = category!, Text = text!,
            DepartmentId = department?.Id, CreatedBy = userName, CreatedAt = now,
        };
        db.Feedback.Add(item);
        var kindName = KindName(item.Kind);
        var summary = $"{(item.Kind == FeedbackKind.Complaint ? "Complaint" : "Wish")} ({category}) from {client.Name}: {Shorten(text!)}";
        if (department is not null)
        {
            await notifier.ToDepartmentAsync(department.Id, NotificationKinds.Feedback, summary, "feedback", item.Id, cancellationToken);
        }

        // The client's own manager hears of it too, unless the manager is in (and so already told through) that department.
        if (client.AssignedManagerId is { } manager
            && (department is null || !await db.Staff.AnyAsync(s => s.Id == manager && s.DepartmentId == department.Id, cancellationToken)))
        {
            await notifier.ToStaffAsync(manager, NotificationKinds.Feedback, summary, "feedback", item.Id, cancellationToken);
        }

        outbox.Enqueue(new FeedbackReceived(Guid.CreateVersion7(now), item.Id, item.ClientId, item.CallId, kindName, item.Category, department?.Code,
            item.Text, userName, now));
        audit.Record(userName, "create", "feedback", item.Id.ToString(), $"client={item.ClientId};kind={kindName};category={category};department={department?.Code ?? "none"}");
        await outbox.SaveChangesAsync(cancellationToken);
        return (await ReadAsync(item.Id, cancellationToken))!;
    }

    /// <summary>
    /// A head's review: justified or not (complaints only), resolved or reopened, the resolution. Only the head of the
    /// item's department or an admin may review (403 otherwise); 404 for an unknown item.
    /// </summary>
    public async Task<DeskResult<FeedbackDto>> ReviewAsync(Guid id, ReviewFeedbackRequest request,
        SignedInUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var item = await db.Feedback.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (item is null)
        {
            return DeskError.NotFound($"There is no complaint or wish {id}.", "Not found");
        }

        if (!user.IsAdmin && item.DepartmentId is not null && !user.HeadOf.Contains(item.DepartmentId.Value))
        {
            var department = await db.Departments.AsNoTracking().Where(d => d.Id == item.DepartmentId).Select(d => d.Name).SingleAsync(cancellationToken);
            return DeskError.Forbidden($"Only the head of {department} (or an admin) reviews this {KindName(item.Kind)}.", "Not your department");
        }

        var errors = new Dictionary<string, string[]>();
        if (request is { Justified: null, Resolved: null, Resolution: null })
        {
            errors["justified"] = ["Give justified, resolved or resolution."];
        }

        if (request.Justified is not null && item.Kind != FeedbackKind.Complaint)
        {
            errors["justified"] = ["Only complaints are judged justified; this is a wish."];
        }

        if (request.Resolution is { } resolution && resolution.Trim().Length > MaxText)
        {
            errors["resolution"] = [$"Keep the resolution to {MaxText} characters."];
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The review cannot be saved");
        }

        item.Justified = request.Justified ?? item.Justified;
        item.Resolution = request.Resolution is null ? item.Resolution : request.Resolution.Trim();
        item.ResolvedAt = request.Resolved switch
        {
            true => item.ResolvedAt ?? time.GetUtcNow(),
            false => null,
            null => item.ResolvedAt,
        };
        item.ReviewedBy = user.UserName;
        audit.Record(user.UserName, "review", "feedback", item.Id.ToString(),
            $"justified={item.Justified?.ToString() ?? "unknown"};resolved={item.ResolvedAt is not null}");
        await db.SaveChangesAsync(cancellationToken);
        return (await ReadAsync(id, cancellationToken))!;
    }

    /// <summary>
    /// Complaints and wishes, newest first: heads and admins see any department, others only their own (403 for another).
    /// <paramref name="status"/> is <c>open</c> or <c>resolved</c>, <paramref name="kind"/> <c>complaint</c> or <c>wish</c>.
    /// </summary>
    public async Task<DeskResult<List<FeedbackDto>>> ListAsync(string? department, string? status, string? kind,
        SignedInUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new Dictionary<string, string[]>();
        Guid? departmentId = null;
        if (department is not null)
        {
            departmentId = await db.Departments.AsNoTracking().Where(d => d.Code == department).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
            if (departmentId is null)
            {
                errors["department"] = [$"There is no department '{department}' (give a code such as quality or wholesale)."];
            }
        }

        if (status is not (null or "open" or "resolved"))
        {
            errors["status"] = ["Give open or resolved."];
        }

        var parsedKind = kind is null ? null : ParseKind(kind);
        if (kind is not null && parsedKind is null)
        {
            errors["kind"] = ["Give complaint or wish."];
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors);
        }

        if (!user.SeesAllDepartments)
        {
            if (departmentId is not null && departmentId != user.DepartmentId)
            {
                return DeskError.Forbidden("You see your own department's complaints and wishes only.", "Not your department");
            }

            departmentId = user.DepartmentId ?? Guid.Empty;
        }

        var query = db.Feedback.AsNoTracking();
        query = departmentId is { } onlyDepartment ? query.Where(f => f.DepartmentId == onlyDepartment) : query;
        query = status switch
        {
            "open" => query.Where(f => f.ResolvedAt == null),
            "resolved" => query.Where(f => f.ResolvedAt != null),
            _ => query,
        };
        query = parsedKind is { } k ? query.Where(f => f.Kind == k) : query;
        return await query.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).Take(MaxItems)
            .Select(Projection()).ToListAsync(cancellationToken);
    }

    private Task<FeedbackDto?> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Feedback.AsNoTracking().Where(f => f.Id == id).Select(Projection()).SingleOrDefaultAsync(cancellationToken);

    private Expression<Func<FeedbackItem, FeedbackDto>> Projection() => f => new FeedbackDto(f.Id, f.ClientId,
        db.Clients.Where(c => c.Id == f.ClientId).Select(c => c.Name).First(), f.CallId,
        f.Kind == FeedbackKind.Complaint ? "complaint" : "wish", f.Category, f.Text,
        db.Departments.Where(d => d.Id == f.DepartmentId).Select(d => d.Code).FirstOrDefault(), f.CreatedBy, f.CreatedAt, f.Justified,
        f.ResolvedAt == null ? "open" : "resolved", f.ResolvedAt, f.ReviewedBy, f.Resolution);

    private static FeedbackKind? ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "complaint" => FeedbackKind.Complaint,
        "wish" => FeedbackKind.Wish,
        _ => null,
    };

    private static string KindName(FeedbackKind kind) => kind == FeedbackKind.Complaint ? "complaint" : "wish";

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
