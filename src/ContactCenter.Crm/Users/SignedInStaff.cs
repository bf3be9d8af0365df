using System.Security.Claims;
using ContactCenter.Crm.Messaging;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Users;

/// <summary>
/// The member of staff behind a signed-in user, as call control needs it: whose phone and calls the user may
/// act on. Always the staff record the user is linked to, never the user name: an admin may name a user anything,
/// and a user called "1002" without the link is nobody's agent. While the database is down, the extension this process
/// last read for the user (<see cref="KnownUsers"/>), so call control goes on.
/// </summary>
public sealed class SignedInStaff(CrmDbContext db, KnownUsers known, DatabaseOutage outage)
{
    /// <summary>The extension of the active staff record linked to <paramref name="principal"/>'s active user, or null.</summary>
    public async Task<string?> ExtensionOfAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var name = principal.Identity?.Name;
        if (name is null)
        {
            return null;
        }

        if (outage.IsDown && known.TryExtension(name, out var remembered))
        {
            return remembered;
        }

        try
        {
            var extension = await (from u in db.Users
                                   join s in db.Staff on u.StaffId equals s.Id
                                   where u.UserName == name && u.IsActive && s.IsActive
                                   select s.Extension).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            known.ExtensionRead(name, extension);
            return extension;
        }
        catch (Exception ex) when (BusTransport.IsOutage(ex) && known.TryExtension(name, out var lastRead))
        {
            outage.Failed();
            return lastRead;
        }
    }

}
