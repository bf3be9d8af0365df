using ContactCenter.Contracts.Notifications;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Notifications;

/// <summary>
/// Adds notifications to the caller's unit of work, each with a <see cref="NotificationCreated"/> in the outbox, so that
/// a notification and the change it reports are saved (and pushed to desktops) together or not at all.
/// </summary>
public sealed class Notifier(CrmDbContext db, Outbox.Outbox outbox, TimeProvider time)
{
    /// <summary>Notifies one member of staff; saved with the caller's next SaveChanges.</summary>
    public async Task ToStaffAsync(Guid staffId, string kind, string text, string subjectType, Guid subjectId, CancellationToken cancellationToken)
    {
        var extension = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.Extension).SingleAsync(cancellationToken);
        Add(kind, text, subjectType, subjectId, staffId, extension, null, null);
    }

    /// <summary>Notifies a department (its members and its head); saved with the caller's next SaveChanges.</summary>
    public async Task ToDepartmentAsync(Guid departmentId, string kind, string text, string subjectType, Guid subjectId,
        CancellationToken cancellationToken)
    {
        var code = await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Code).SingleAsync(cancellationToken);
        Add(kind, text, subjectType, subjectId, null, null, departmentId, code);
    }

    private void Add(string kind, string text, string subjectType, Guid subjectId, Guid? staffId, string? extension, Guid? departmentId,
        string? departmentCode)
    {
        var now = time.GetUtcNow();
        var notification = new Notification
        {
            Id = Guid.CreateVersion7(now), CreatedAt = now, Kind = kind, Text = text, StaffId = staffId, DepartmentId = departmentId,
            SubjectType = subjectType, SubjectId = subjectId,
        };
        db.Notifications.Add(notification);
        outbox.Enqueue(new NotificationCreated(Guid.CreateVersion7(now), notification.Id, kind, text, extension, departmentCode,
            subjectType, subjectId, now));
    }
}
