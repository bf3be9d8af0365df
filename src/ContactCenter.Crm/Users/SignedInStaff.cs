using System.Security.Claims;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Users;

/// <summary>
/// The member of staff behind a signed-in user, as call control needs it: whose phone and calls the user may
/// act on. Always the staff record the user is linked to, never the user name: an admin may name a user anything,
/// and a user called "1002" without the link is nobody's agent.
/// </summary>
public sealed class SignedInStaff(CrmDbContext db)
{
    /// <summary>The extension of the active staff record linked to <paramref name="principal"/>'s active user, or null.</summary>
    public Task<string?> ExtensionOfAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var name = principal.Identity?.Name;
        if (name is null)
        {
            return Task.FromResult<string?>(null);
        }

        return (from u in db.Users
                join s in db.Staff on u.StaffId equals s.Id
                where u.UserName == name && u.IsActive && s.IsActive
                select s.Extension).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
    }
}
