using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Dialing;

/// <summary>
/// Clients who asked not to be called. The flag is checked wherever the service places a call (call lists, dispatch,
/// click-to-call) and keeps clients off new lists.
/// </summary>
public sealed class DoNotCallList(CrmDbContext db)
{
    /// <summary>The title of every 409 that refuses a call because the client asked not to be called.</summary>
    public const string ProblemTitle = "Do not call";

    /// <summary>The name of the do-not-call client who owns <paramref name="e164"/> or has id <paramref name="clientId"/>; null when the call is allowed.</summary>
    public Task<string?> BlockedClientAsync(string e164, Guid? clientId, CancellationToken cancellationToken) =>
        db.Clients.AsNoTracking().Where(c => c.DoNotCall && (c.Id == clientId || c.Phones.Any(p => p.E164 == e164)))
            .Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
}
