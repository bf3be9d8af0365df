using System.Security.Claims;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Users;

/// <summary>
/// Who is calling the API, as the CRM's rules need it: the user, the member of staff behind it (if any), that person's
/// department and the departments they head, and the roles of the principal.
/// </summary>
internal sealed record SignedInUser(Guid? UserId, string UserName, Guid? StaffId, string? Extension, Guid? DepartmentId,
    IReadOnlyList<Guid> HeadOf, bool IsAdmin, bool IsDepartmentHead)
{
    /// <summary>Admins and department heads see every department's complaints and every row of the reports.</summary>
    public bool SeesAllDepartments => IsAdmin || IsDepartmentHead;

    /// <summary>True when notifications of <paramref name="departmentId"/> are meant for this user (member or head).</summary>
    public bool Follows(Guid? departmentId) => departmentId is { } id && (id == DepartmentId || HeadOf.Contains(id));

    /// <summary>Reads the user named by <paramref name="principal"/> (roles from its claims, the rest from the database).</summary>
    public static async Task<SignedInUser> ReadAsync(CrmDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(principal);
        var name = principal.Identity?.Name ?? "?";
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == name)
            .Select(u => new { u.Id, u.StaffId }).FirstOrDefaultAsync(cancellationToken);
        var staff = user?.StaffId is { } staffId
            ? await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => new { s.Id, s.Extension, s.DepartmentId }).FirstOrDefaultAsync(cancellationToken)
            : null;
        var headOf = staff is null
            ? []
            : await db.Departments.AsNoTracking().Where(d => d.HeadStaffId == staff.Id).Select(d => d.Id).ToListAsync(cancellationToken);
        return new SignedInUser(user?.Id, name, staff?.Id, staff?.Extension, staff?.DepartmentId, headOf,
            principal.IsInRole(nameof(StaffRole.Admin)), principal.IsInRole(nameof(StaffRole.DepartmentHead)));
    }
}
