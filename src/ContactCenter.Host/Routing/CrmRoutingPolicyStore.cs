using ContactCenter.Acd.Policy;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Routing;

/// <summary>Keeps routing policy versions in the CRM database; each save is audited in the same transaction.</summary>
public sealed class CrmRoutingPolicyStore(IServiceScopeFactory scopes, TimeProvider time) : IRoutingPolicyStore
{
    /// <inheritdoc />
    public async Task<StoredRoutingPolicy?> GetLatestAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var row = await db.RoutingPolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToStored(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredRoutingPolicy>> GetHistoryAsync(int take, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var rows = await db.RoutingPolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToStored)];
    }

    /// <inheritdoc />
    public async Task<StoredRoutingPolicy> SaveAsync(string document, string changedBy, string? comment, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var current = await db.RoutingPolicyVersions.MaxAsync(v => (int?)v.Version, cancellationToken).ConfigureAwait(false) ?? 0;
        if (expectedVersion is { } expected && expected != current)
        {
            throw new RoutingPolicyConflictException(current);
        }

        var row = new RoutingPolicyVersion
        {
            Version = current + 1,
            Document = document,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = changedBy,
            Comment = comment,
        };
        db.RoutingPolicyVersions.Add(row);
        db.Audit.Add(new AuditEntry
        {
            At = row.CreatedAt,
            UserName = changedBy,
            Action = row.Version == 1 ? "create" : "update",
            EntityType = "routing-policy",
            EntityId = row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Details = comment,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Someone saved the same version first (the primary key refused ours).
            throw new RoutingPolicyConflictException(current + 1);
        }

        return ToStored(row);
    }

    private static StoredRoutingPolicy ToStored(RoutingPolicyVersion row) => new(row.Version, row.Document, row.CreatedAt, row.CreatedBy, row.Comment);
}
