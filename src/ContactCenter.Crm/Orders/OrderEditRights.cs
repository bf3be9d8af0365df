using System.Security.Claims;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Orders;

/// <summary>
/// Who may change an order: the member of staff who took it, the head of that person's department, or an admin.
/// Any other member of staff (a dispatcher, finance, another operator) reads it but changes nothing.
/// </summary>
internal static class OrderEditRights
{
    /// <summary>
    /// An endpoint filter for routes with an <c>id</c> (the order): 403 naming who may change it when the signed-in
    /// user may not; an unknown order passes on (the handler answers 404).
    /// </summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.RouteValues["id"] is not string text || !Guid.TryParse(text, out var orderId))
        {
            return await next(context);
        }

        var db = http.RequestServices.GetRequiredService<CrmDbContext>();
        var refusal = await RefusalAsync(db, http.User, orderId, http.RequestAborted);
        return refusal is null
            ? await next(context)
            : TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not your order");
    }

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
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return null;
        }

        var user = await SignedInUser.ReadAsync(db, principal, cancellationToken);
        if (user.IsAdmin
            || (order.Author is { } author && author == user.StaffId)
            || (order.AuthorDepartment is { } department && user.HeadOf.Contains(department)))
        {
            return null;
        }

        return $"Order {order.Number} is changed only by the one who took it ({order.AuthorExtension ?? "an admin"}), "
            + "the head of their department or an admin.";
    }
}
