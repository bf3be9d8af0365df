using System.Security.Claims;
using ContactCenter.Crm.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Api;

/// <summary>
/// Reference information and documents (issue #18): searched and downloaded by staff, kept by admins; e-mails of documents
/// and order confirmations to clients, queued by staff and followed until sent.
/// </summary>
internal static class DocumentEndpoints
{
    /// <summary>Maps <c>/api/reference</c>, <c>/api/admin/reference</c> and <c>/api/emails</c>.</summary>
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup("/api/reference").RequireAuthorization(CrmPolicies.Staff).WithTags("Reference");
        reference.MapGet("/", (string? search, string? kind, int? take, ReferenceLibrary library, CancellationToken cancellationToken) =>
            library.SearchAsync(search, kind, withdrawn: false, take ?? 50, cancellationToken));
        reference.MapGet("/{id:guid}", async Task<Results<Ok<ReferenceDocumentDto>, NotFound>> (Guid id, ReferenceLibrary library, CancellationToken cancellationToken) =>
            await library.GetAsync(id, cancellationToken) is { IsActive: true } document ? TypedResults.Ok(document) : TypedResults.NotFound());
        reference.MapGet("/{id:guid}/file", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, ReferenceLibrary library, HttpResponse response,
            CancellationToken cancellationToken) =>
        {
            if (await library.FileAsync(id, cancellationToken) is not { } file)
            {
                return TypedResults.NotFound();
            }

            response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        });

        var admin = app.MapGroup("/api/admin/reference").RequireAuthorization(CrmPolicies.Admin).WithTags("Reference");
        admin.MapGet("/", (string? search, string? kind, int? take, ReferenceLibrary library, CancellationToken cancellationToken) =>
            library.SearchAsync(search, kind, withdrawn: true, take ?? 100, cancellationToken));
        admin.MapPost("/", async (ReferenceDocumentRequest request, ReferenceLibrary library, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Created(await library.CreateAsync(request, UserName(user), cancellationToken), d => $"/api/reference/{d.Id}"));
        admin.MapPut("/{id:guid}", async (Guid id, ReferenceDocumentRequest request, ReferenceLibrary library, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await library.UpdateAsync(id, request, UserName(user), cancellationToken)));
        admin.MapPut("/{id:guid}/file", UploadAsync).Accepts<byte[]>("application/octet-stream");

        var emails = app.MapGroup("/api/emails").RequireAuthorization(CrmPolicies.Staff).WithTags("E-mail");
        emails.MapPost("/", async (EmailRequest request, EmailDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Accepted(await desk.QueueAsync(request, UserName(user), cancellationToken), e => $"/api/emails/{e.Id}"));
        emails.MapGet("/", (Guid? clientId, Guid? callId, EmailDesk desk, CancellationToken cancellationToken) =>
            desk.ListAsync(clientId, callId, cancellationToken));
        emails.MapGet("/{id:guid}", async Task<Results<Ok<EmailDto>, NotFound>> (Guid id, EmailDesk desk, CancellationToken cancellationToken) =>
            await desk.GetAsync(id, cancellationToken) is { } email ? TypedResults.Ok(email) : TypedResults.NotFound());
        return app;
    }

    // The file is the request body (any Content-Type: the content decides the type); ?name= gives the file name.
    private static async Task<IResult> UploadAsync(Guid id, string? name, HttpRequest request, ReferenceLibrary library, IOptions<DocumentOptions> options,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxFileBytes;
        return await BoundedBody.ReadAsync(request, max, cancellationToken) is { } body
            ? DeskHttp.Ok(await library.UploadAsync(id, name, body, UserName(user), cancellationToken))
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [library.FileError(max + 1L)!] });
    }

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "?";
}
