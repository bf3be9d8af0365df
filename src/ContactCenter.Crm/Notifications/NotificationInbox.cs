using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Notifications;

/// <summary>The signed-in user's notifications: those addressed to them and to the departments they belong to or head.</summary>
internal sealed class NotificationInbox(CrmDbContext db, TimeProvider time)
{
    /// <summary>The most notifications one request returns.</summary>
    public const int MaxItems = 200;

    /// <summary>Newest first, at most <see cref="MaxItems"/>.</summary>
    public async Task<List<NotificationDto>> ListAsync(SignedInUser user, bool unreadOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.UserId ?? Guid.Empty;
        var query = Visible(user);
        if (unreadOnly)
        {
            query = query.Where(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == userId));
        }

        return await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(MaxItems)
            .Select(n => new NotificationDto(n.Id, n.CreatedAt, n.Kind, n.Text, n.StaffId != null && n.StaffId == user.StaffId,
                db.Departments.Where(d => d.Id == n.DepartmentId).Select(d => d.Code).FirstOrDefault(), n.SubjectType, n.SubjectId,
                db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == userId)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Marks one notification read for this user (at once); false when there is no such notification for them.</summary>
    public async Task<bool> MarkReadAsync(SignedInUser user, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.UserId is not { } userId || !await Visible(user).AnyAsync(n => n.Id == id, cancellationToken))
        {
            return false;
        }

        // Reading twice (two tabs, a retried request) keeps the first time.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO notification_reads (notification_id, user_id, read_at) VALUES ({id}, {userId}, {time.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return true;
    }

    private IQueryable<Notification> Visible(SignedInUser user)
    {
        var staffId = user.StaffId;
        var departments = user.HeadOf.Append(user.DepartmentId ?? Guid.Empty).Where(d => d != Guid.Empty).ToList();
        return staffId is null
            ? db.Notifications.Where(_ => false)
            : db.Notifications.AsNoTracking().Where(n => n.StaffId == staffId || (n.DepartmentId != null && departments.Contains(n.DepartmentId.Value)));
    }
}
