using System.Security.Claims;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>The signed-in user's notifications (addressed to them or to their department).</summary>
internal static class NotificationEndpoints
{
    /// <summary>Maps <c>GET /api/notifications[?unread=true]</c> and <c>POST /api/notifications/{id}/read</c> (staff).</summary>
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").RequireAuthorization(CrmPolicies.Staff).WithTags("Notifications");
        group.MapGet("/", ListAsync);
        group.MapPost("/{id:guid}/read", MarkReadAsync);
        return app;
    }

    internal static async Task<Ok<List<NotificationDto>>> ListAsync(bool? unread, NotificationInbox inbox, CrmDbContext db, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.ListAsync(await SignedInUser.ReadAsync(db, user, cancellationToken), unread == true, cancellationToken));

    internal static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(Guid id, NotificationInbox inbox, CrmDbContext db, Audit audit,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var signedIn = await SignedInUser.ReadAsync(db, user, cancellationToken);
        if (!await inbox.MarkReadAsync(signedIn, id, cancellationToken))
        {
            return TypedResults.Problem($"You have no notification {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        audit.Record(signedIn.UserName, "read", "notification", id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
