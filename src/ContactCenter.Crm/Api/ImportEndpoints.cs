using System.Security.Claims;
using System.Text;
using ContactCenter.Crm.MasterData;
using ContactCenter.Crm.MasterData.Catalog;
using ContactCenter.Crm.MasterData.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>
/// Imports from the company's accounting system (issue #18), admins only. <c>POST /api/admin/import/{kind}[?apply=good]</c>
/// answers with the report when done; <c>POST /api/admin/import/{kind}/jobs[?apply=good]</c> answers 202 with a job the
/// console polls at <c>GET /api/admin/import/jobs/{id}</c> (progress, then the report). A file is CSV
/// (<c>Content-Type: text/csv</c>) or a JSON array.
/// </summary>
internal static class ImportEndpoints
{
    /// <summary>Maps the import endpoints.</summary>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var import = app.MapGroup("/api/admin/import").RequireAuthorization(CrmPolicies.Admin).WithTags("Import");
        Map<ClientRecordRequest, ClientImport>(import, "clients", "client", ClientCsv.Read);
        Map<ReceivableImportRequest, ReceivableImport>(import, "receivables", "receivable", ReceivableCsv.Read);
        Map<ProductRequest, ProductImport>(import, "products", "product", ProductCsv.Read);
        Map<PriceImportRequest, PriceImport>(import, "prices", "price", PriceCsv.Read);
        import.MapGet("/jobs/{id:guid}", Results<Ok<ImportJobDto>, NotFound> (Guid id, ImportJobs jobs, ClaimsPrincipal user) =>
            jobs.Find(id, UserName(user)) is { } job ? TypedResults.Ok(job.ToDto()) : TypedResults.NotFound());
        return app;
    }

    private static void Map<T, TImporter>(RouteGroupBuilder group, string kind, string what, Func<TextReader, ImportFile<T>> readCsv)
        where T : class
        where TImporter : IImporter<T>
    {
        group.MapPost($"/{kind}", async Task<Results<Ok<ImportReport>, ValidationProblem>> (HttpRequest request, string? apply, TImporter importer,
            ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var (file, refusal) = await ReadAsync(request, apply, what, readCsv, cancellationToken);
            return refusal ?? (Results<Ok<ImportReport>, ValidationProblem>)TypedResults.Ok(
                await importer.RunAsync(file!, apply == "good", UserName(user), ImportProgress.None, cancellationToken));
        });
        group.MapPost($"/{kind}/jobs", async Task<Results<Accepted<ImportJobDto>, ValidationProblem, Conflict<ImportJobDto>>> (HttpRequest request,
            string? apply, ImportJobs jobs, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var (file, refusal) = await ReadAsync(request, apply, what, readCsv, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            var job = jobs.TryStart<T, TImporter>(kind, file!, apply == "good", UserName(user), out var running);
            return job is null
                ? TypedResults.Conflict(running!.ToDto())
                : TypedResults.Accepted($"/api/admin/import/jobs/{job.Id}", job.ToDto());
        });
    }

    private static async Task<(ImportFile<T>? File, ValidationProblem? Refusal)> ReadAsync<T>(HttpRequest request, string? apply, string what,
        Func<TextReader, ImportFile<T>> readCsv, CancellationToken cancellationToken)
        where T : class
    {
        if (apply is not (null or "none" or "good"))
        {
            return (null, Invalid("apply", "Give good (apply the rows without problems) or none (check only)."));
        }

        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            // CsvHelper reads synchronously: the body is buffered first (Kestrel refuses synchronous reads).
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            using var reader = new StreamReader(buffer, Encoding.UTF8);
            return (readCsv(reader), null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, Invalid("file", $"Send a CSV file (Content-Type: text/csv) or a JSON array of {what}s (application/json)."));
        }

        var file = await JsonImportReader.ReadAsync<T>(request.Body, what, cancellationToken);
        return file.FileProblems.Count > 0 ? (null, Invalid("file", file.FileProblems[0].Reason)) : (file, null);
    }

    private static ValidationProblem Invalid(string field, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] });

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "?";
}
