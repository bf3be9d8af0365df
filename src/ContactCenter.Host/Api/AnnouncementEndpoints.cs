using System.Globalization;
using System.Security.Claims;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Media;
using ContactCenter.Crm;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Api;

/// <summary>
/// The announcements the engine plays (admins): list them, fetch one to play in the browser, replace one with an
/// uploaded WAV (checked, converted to 8 kHz mono, written atomically, audited); the next call plays the new file.
/// </summary>
public static class AnnouncementEndpoints
{
    /// <summary>Maps <c>/api/announcements</c>.</summary>
    public static IEndpointRouteBuilder MapAnnouncementEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/announcements").RequireAuthorization(CrmPolicies.Admin).WithTags("Announcements");
        group.MapGet("/", (AnnouncementLibrary library) => TypedResults.Ok(library.List()));
        group.MapGet("/{name}/audio", Audio);
        group.MapPut("/{name}", ReplaceAsync).Accepts<byte[]>("audio/wav");
        return app;
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Audio(string name, AnnouncementLibrary library) =>
        library.Describe(name) is { Exists: true } && library.GetPath(name) is { } path
            ? TypedResults.PhysicalFile(path, "audio/wav", enableRangeProcessing: true)
            : TypedResults.Problem($"No announcement '{name}'.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<AnnouncementInfo>, ProblemHttpResult>> ReplaceAsync(string name, HttpRequest request,
        AnnouncementLibrary library, IOptions<AnnouncementOptions> options, Audit audit, CrmDbContext db, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var max = options.Value.MaxUploadBytes;
        var tooBig = $"The file is larger than {max.ToString("N0", CultureInfo.InvariantCulture)} bytes (Sip:Announcements:MaxUploadBytes).";
        if (await BoundedBody.ReadAsync(request, max, cancellationToken) is not { } body)
        {
            return TypedResults.Problem(tooBig, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (body.Length == 0)
        {
            return TypedResults.Problem("Send the WAV file as the request body (Content-Type: audio/wav).", statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await library.ReplaceAsync(name, body, cancellationToken);
        if (result.Announcement is not { } announcement)
        {
            return TypedResults.Problem(result.Error, statusCode: StatusCodes.Status400BadRequest);
        }

        audit.Record(user.Identity?.Name ?? "?", "replace", "announcement", name,
            $"{body.Length} bytes uploaded; stored {announcement.File}, {announcement.Duration?.TotalSeconds:F1} s at 8 kHz mono");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(announcement);
    }
}
