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
        admin.MapPost("/import/clients", ImportClientsAsync);
        return app;
    }

    /// <summary>
    /// <c>POST /api/admin/import/clients[?apply=good]</c>: a CSV file (<c>Content-Type: text/csv</c>) or a JSON array of clients
    /// with their external ids. Without <c>apply=good</c> the file is only checked.
    /// </summary>
    internal static async Task<Results<Ok<ImportReport>, ValidationProblem>> ImportClientsAsync(HttpRequest request, string? apply, ClientImport import,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (apply is not (null or "none" or "good"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["apply"] = ["Give good (apply the rows without problems) or none (check only)."] });
        }

        List<ClientImportRow> rows;
        var fileProblems = new List<ImportProblem>();
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
            rows = ClientCsv.Read(reader, out fileProblems);
        }
        else
        {
            List<ClientRecordRequest?>? clients;
            try
            {
                clients = await request.ReadFromJsonAsync<List<ClientRecordRequest?>>(cancellationToken);
            }
            catch (System.Text.Json.JsonException ex)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["file"] = [$"Not a JSON array of clients (line {ex.LineNumber + 1}): {ex.Message}"],
                });
            }

            rows = [.. (clients ?? []).Select((c, i) => new ClientImportRow(i + 1, c ?? Empty, c is null ? [new ImportProblem(i + 1, "client", "Give a client, not null.")] : []))];
        }

        return TypedResults.Ok(await import.RunAsync(rows, fileProblems, apply == "good", UserName(user), cancellationToken));
    }

    private static readonly ClientRecordRequest Empty = new(null, null, null, null, null, null, null, null, null, null, null, null);

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "?";
}
