using System.Security.Claims;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>New callers awaiting a manager, and the assignment (department heads and admins).</summary>
internal static class ClientAssignmentEndpoints
{
    /// <summary>Maps <c>GET /api/clients/unassigned</c> and <c>PUT /api/clients/{id}/manager</c>.</summary>
    public static IEndpointRouteBuilder MapClientAssignmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/clients").RequireAuthorization(CrmPolicies.Heads).WithTags("CRM");
        group.MapGet("/unassigned", ListUnassignedAsync);
        group.MapPut("/{id:guid}/manager", async (Guid id, AssignManagerRequest request, ClientAssignments assignments, Persistence.CrmDbContext db,
            ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Ok(await assignments.AssignAsync(id, request, await SignedInUser.ReadAsync(db, user, cancellationToken), cancellationToken)));
        return app;
    }

    internal static async Task<Ok<List<UnassignedClientDto>>> ListUnassignedAsync(ClientAssignments assignments, Audit audit,
        Persistence.CrmDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var clients = await assignments.ListUnassignedAsync(cancellationToken);
        audit.Record(user.Identity?.Name ?? "?", "read", "unassigned-clients", null, $"count={clients.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(clients);
    }
}
