using ContactCenter.Acd.Queues;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Routing;

/// <summary>Keeps queued callbacks in the CRM database (table queued_callbacks).</summary>
public sealed class CrmCallbackStore(IServiceScopeFactory scopes, TimeProvider time) : ICallbackStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<SavedCallback>> LoadPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var rows = await db.QueuedCallbacks.AsNoTracking().Where(c => c.Outcome == null).OrderBy(c => c.EnqueuedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new SavedCallback(r.Id, r.Queue, r.Number, r.EnqueuedAt, null))];
    }

    /// <inheritdoc />
    public async Task SaveAsync(SavedCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var row = await db.QueuedCallbacks.FindAsync([callback.Id], cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new QueuedCallback { Id = callback.Id, Queue = callback.Queue, Number = callback.Number, EnqueuedAt = callback.EnqueuedAt };
            db.QueuedCallbacks.Add(row);
        }

        if (callback.Outcome is not null)
        {
            (row.Outcome, row.SettledAt) = (callback.Outcome, time.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
