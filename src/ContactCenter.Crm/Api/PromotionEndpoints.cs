using System.Security.Claims;
using ContactCenter.Crm.Promotions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>Promotions and discount programs (issue #18): read by all staff, created and changed by department heads and admins.</summary>
internal static class PromotionEndpoints
{
    /// <summary>Maps <c>/api/promotions</c>.</summary>
    public static IEndpointRouteBuilder MapPromotionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/promotions").RequireAuthorization(CrmPolicies.Staff).WithTags("Promotions");
        group.MapGet("/", (bool? inForce, PromotionRecords promotions, CancellationToken cancellationToken) =>
            promotions.ListAsync(inForce ?? false, cancellationToken));
        group.MapGet("/{id:guid}", async Task<Results<Ok<PromotionDto>, NotFound>> (Guid id, PromotionRecords promotions, CancellationToken cancellationToken) =>
            await promotions.GetAsync(id, cancellationToken) is { } promotion ? TypedResults.Ok(promotion) : TypedResults.NotFound());
        var management = group.MapGroup("/").RequireAuthorization(CrmPolicies.Heads);
        management.MapPost("/", async (PromotionRequest request, PromotionRecords promotions, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Created(await promotions.CreateAsync(request, UserName(user), cancellationToken), p => $"/api/promotions/{p.Id}"));
        management.MapPut("/{id:guid}", async (Guid id, PromotionRequest request, PromotionRecords promotions, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await promotions.UpdateAsync(id, request, UserName(user), cancellationToken)));
        return app;
    }

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "?";
}
