using ContactCenter.Contracts.Outbound;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Outbound;

/// <summary>Reports a settled task back to the head who gave its list: <see cref="CallTaskCompleted"/> through the outbox.</summary>
internal sealed class CallTaskEvents(CrmDbContext db, Outbox.Outbox outbox, TimeProvider time)
{
    /// <summary>The result name of a task closed because the client asked not to be called.</summary>
    public const string DoNotCallResult = "DoNotCall";

    public async Task EnqueueAsync(CallTask task, CallList list, string operatorExtension, CancellationToken cancellationToken)
    {
        var head = list.CreatedByStaffId is { } headId
            ? await db.Staff.AsNoTracking().Where(s => s.Id == headId).Select(s => s.Extension).FirstOrDefaultAsync(cancellationToken)
            : null;
        var now = time.GetUtcNow();
        outbox.Enqueue(new CallTaskCompleted(Guid.CreateVersion7(now), task.Id, list.Id, list.Name, head, task.ClientId, task.PhoneE164,
            task.Status.ToString(), task.Result?.ToString() ?? DoNotCallResult, task.Attempts, operatorExtension, task.Notes, now));
    }

    /// <summary>Saves the unit of work (the change and its events together) and wakes the outbox publisher.</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => outbox.SaveChangesAsync(cancellationToken);
}
