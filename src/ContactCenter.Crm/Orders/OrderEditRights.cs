using System.Security.Claims;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Orders;

/// <summary>
/// Who may change an order: the member of staff who took it, the client's manager, the head of the author's department, or an admin.
/// Any other member of staff (a dispatcher, finance, another operator) reads it but changes nothing.
/// </summary>
internal static class OrderEditRights
{
    /// <summary>Why <paramref name="principal"/> may not change order <paramref name="orderId"/>, or null when they may (or there is no such order).</summary>
    public static async Task<string?> RefusalAsync(CrmDbContext db, ClaimsPrincipal principal, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new
            {
                o.Number,
                Author = o.TakenByStaffId,
                AuthorExtension = db.Staff.Where(s => s.Id == o.TakenByStaffId).Select(s => s.Extension).FirstOrDefault(),
                AuthorDepartment = db.Staff.Where(s => s.Id == o.TakenByStaffId).Select(s => s.DepartmentId).FirstOrDefault(),
                ClientManager = db.Clients.Where(c => c.Id == o.ClientId).Select(c => c.AssignedManagerId).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return null;
        }

        var user = await SignedInUser.ReadAsync(db, principal, cancellationToken);
        if (user.IsAdmin
            || (order.Author is { } author && author == user.StaffId)
            || (order.ClientManager is { } manager && manager == user.StaffId)
            || (order.AuthorDepartment is { } department && user.HeadOf.Contains(department)))
        {
            return null;
        }

        return $"Order {order.Number} is changed only by the one who took it ({order.AuthorExtension ?? "an admin"}), "
            + "the client's manager, the head of their department or an admin.";
    }
}
