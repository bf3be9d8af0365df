using System.Security.Claims;
using ContactCenter.Crm.Feedback;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Api;

/// <summary>Complaints and wishes: staff record them, department heads review them.</summary>
internal static class FeedbackEndpoints
{
    /// <summary>Maps <c>POST /api/feedback</c>, <c>GET /api/feedback</c> (staff) and <c>PUT /api/feedback/{id}</c> (heads and admins).</summary>
    public static IEndpointRouteBuilder MapFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/feedback").RequireAuthorization(CrmPolicies.Staff).WithTags("Feedback");
        staff.MapPost("/", async (RecordFeedbackRequest request, FeedbackDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Created(await desk.RecordAsync(request, user.Identity?.Name ?? "?", cancellationToken), item => $"/api/feedback/{item.Id}"));
        staff.MapGet("/", ListAsync);
        staff.MapGet("/categories", (IOptions<FeedbackOptions> options) => TypedResults.Ok(options.Value.Categories
            .OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new FeedbackCategoryDto(c.Key.ToLowerInvariant(), c.Value)).ToList()));
        var heads = app.MapGroup("/api/feedback").RequireAuthorization(CrmPolicies.Heads).WithTags("Feedback");
        heads.MapPut("/{id:guid}", ReviewAsync);
        return app;
    }

    internal static async Task<Results<Ok<List<FeedbackDto>>, NotFound, ValidationProblem, ProblemHttpResult>> ListAsync(string? department, string? status,
        string? kind, FeedbackDesk desk, CrmDbContext db, Audit audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var signedIn = await SignedInUser.ReadAsync(db, user, cancellationToken);
        var result = await desk.ListAsync(department, status, kind, signedIn, cancellationToken);
        if (result.Succeeded)
        {
            audit.Record(signedIn.UserName, "read", "feedback", null, $"department={department ?? "any"};count={result.Value!.Count}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return DeskHttp.Ok(result);
    }

    internal static async Task<Results<Ok<FeedbackDto>, NotFound, ValidationProblem, ProblemHttpResult>> ReviewAsync(Guid id, ReviewFeedbackRequest request,
        FeedbackDesk desk, CrmDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        DeskHttp.Ok(await desk.ReviewAsync(id, request, await SignedInUser.ReadAsync(db, user, cancellationToken), cancellationToken));
}

/// <summary>A complaint or wish category and the department it goes to (<c>Crm:Feedback:Categories</c>).</summary>
internal sealed record FeedbackCategoryDto(string Category, string Department);
