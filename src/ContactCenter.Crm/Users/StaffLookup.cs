using System.Security.Claims;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Users;

/// <summary>Finds the member of staff behind a signed-in user (demo users are named after their extension).</summary>
internal static class StaffLookup
{
    public static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "?";

    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(nameof(StaffRole.Admin));

    public static Task<Staff?> OfAsync(CrmDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = UserName(user);
        return (from u in db.Users
                join s in db.Staff on u.StaffId equals s.Id
                where u.UserName == name
                select s).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
    }
}
