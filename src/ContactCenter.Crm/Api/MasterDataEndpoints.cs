using System.Security.Claims;
using ContactCenter.Crm.MasterData;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>The company's own data kept in the admin console (issue #18): clients, client types, receivables. Admins only.</summary>
internal static class MasterDataEndpoints
{
    /// <summary>Maps <c>/api/admin/clients</c>, <c>/api/admin/client-types</c> and <c>/api/admin/receivables</c>.</summary>
    public static IEndpointRouteBuilder MapMasterDataEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(CrmPolicies.Admin).WithTags("Master data");
        admin.MapGet("/clients", (string? search, int? take, ClientRecords clients, CancellationToken cancellationToken) =>
            clients.ListAsync(search, take ?? 50, cancellationToken));
        admin.MapGet("/clients/{id:guid}", async Task<Results<Ok<ClientRecordDto>, NotFound>> (Guid id, ClientRecords clients, CancellationToken cancellationToken) =>
            await clients.GetAsync(id, cancellationToken) is { } client ? TypedResults.Ok(client) : TypedResults.NotFound());
        admin.MapPost("/clients", async (ClientRecordRequest request, ClientRecords clients, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Created(await clients.CreateAsync(request, UserName(user), cancellationToken), c => $"/api/admin/clients/{c.Id}"));
        admin.MapPut("/clients/{id:guid}", async (Guid id, ClientRecordRequest request, ClientRecords clients, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await clients.UpdateAsync(id, request, UserName(user), cancellationToken)));

        admin.MapPost("/client-types", async (ClientTypeRequest request, ClientTypeRecords types, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Created(await types.CreateAsync(request, UserName(user), cancellationToken), t => $"/api/admin/client-types/{t.Code}"));
        admin.MapPut("/client-types/{code}", async (string code, ClientTypeRequest request, ClientTypeRecords types, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await types.RenameAsync(code, request, UserName(user), cancellationToken)));

        admin.MapGet("/clients/{id:guid}/receivables", async Task<Results<Ok<List<ReceivableRecordDto>>, NotFound>> (Guid id, ReceivableRecords receivables,
            CancellationToken cancellationToken) =>
            await receivables.ListAsync(id, cancellationToken) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound());
        admin.MapPost("/clients/{id:guid}/receivables", async (Guid id, ReceivableRequest request, ReceivableRecords receivables, ClaimsPrincipal user,
            CancellationToken cancellationToken) =>
            DeskHttp.Created(await receivables.CreateAsync(id, request, UserName(user), cancellationToken), r => $"/api/admin/receivables/{r.Id}"));
        admin.MapPut("/receivables/{id:guid}", async (Guid id, ReceivableRequest request, ReceivableRecords receivables, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await receivables.UpdateAsync(id, request, UserName(user), cancellationToken)));
        return app;
    }

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "?";
}
