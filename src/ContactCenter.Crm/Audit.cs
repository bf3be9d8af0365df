using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;

namespace ContactCenter.Crm;

/// <summary>Adds audit entries (who saw or changed what) to the caller's unit of work.</summary>
public sealed class Audit(CrmDbContext db, TimeProvider time)
{
    /// <summary>Records an action; saved with the caller's next SaveChanges.</summary>
    public void Record(string userName, string action, string entityType, string? entityId, string? details = null) =>
        db.Audit.Add(new AuditEntry
        {
            At = time.GetUtcNow(), UserName = userName, Action = action,
            EntityType = entityType, EntityId = entityId, Details = details,
        });
}
