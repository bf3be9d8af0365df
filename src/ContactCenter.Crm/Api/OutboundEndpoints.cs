using System.Security.Claims;
using ContactCenter.Crm.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>Outbound work: heads hand out call lists and read the results; operators work them; do-not-call.</summary>
public static class OutboundEndpoints
{
    /// <summary>Maps <c>/api/call-lists</c>, <c>/api/call-tasks</c> and <c>PUT /api/clients/{id}/do-not-call</c>.</summary>
    public static IEndpointRouteBuilder MapOutboundEndpoints(this IEndpointRouteBuilder app)
    {
        var heads = app.MapGroup("/api/call-lists").RequireAuthorization(CrmPolicies.Heads).WithTags("Call lists");
        heads.MapPost("/", (CreateCallListRequest request, CallListDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            desk.CreateAsync(request, user, cancellationToken));
        heads.MapPost("/sleeping", (SleepingListRequest request, CallListDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            desk.CreateSleepingAsync(request, user, cancellationToken));
        heads.MapGet("/{id:guid}/progress", (Guid id, CallListReports reports, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            reports.ProgressAsync(id, user, cancellationToken));
        heads.MapGet("/{id:guid}/answers", (Guid id, CallListReports reports, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            reports.AnswersAsync(id, user, cancellationToken));
        heads.MapGet("/{id:guid}/answers.csv", (Guid id, CallListReports reports, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            reports.CsvAsync(id, user, cancellationToken));
        app.MapGet("/api/call-lists", async (CallListDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            TypedResults.Ok(await desk.ListAsync(user, cancellationToken))).RequireAuthorization(CrmPolicies.CallLists).WithTags("Call lists");

        var tasks = app.MapGroup("/api/call-tasks").RequireAuthorization(CrmPolicies.CallLists).WithTags("Call lists");
        tasks.MapGet("/next", async (string? listId, CallTaskDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            ListId(listId, out var id) is { } bad ? bad : (IResult)await desk.NextAsync(id, user, cancellationToken));
        tasks.MapPost("/dial-next", async (string? listId, CallTaskDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            ListId(listId, out var id) is { } bad ? bad : (IResult)await desk.DialNextAsync(id, user, cancellationToken));
        tasks.MapPost("/{id:guid}/dial", (Guid id, CallTaskDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            desk.DialAsync(id, user, cancellationToken));
        tasks.MapPost("/{id:guid}/result", (Guid id, CallTaskResultRequest request, CallTaskDesk desk, ClaimsPrincipal user,
            CancellationToken cancellationToken) => desk.RecordResultAsync(id, request, user, cancellationToken));

        app.MapPut("/api/clients/{id:guid}/do-not-call", (Guid id, DoNotCallRequest request, DoNotCallList list, CallTaskEvents events,
                ClaimsPrincipal user, CancellationToken cancellationToken) => list.SetAsync(id, request, user, events, cancellationToken))
            .RequireAuthorization(CrmPolicies.Staff).WithTags("CRM");
        return app;
    }

    private static ValidationProblem? ListId(string? text, out Guid? id)
    {
        id = null;
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text, out var parsed))
        {
            id = parsed;
            return null;
        }

        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["listId"] = [$"'{text}' is not a call list id."] });
    }
}
