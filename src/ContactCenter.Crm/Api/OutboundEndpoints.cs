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
        heads.MapPost("/", async (CreateCallListRequest request, CallListDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Created(await desk.CreateAsync(request, user, cancellationToken), ListLocation));
        heads.MapPost("/sleeping", async (SleepingListRequest request, CallListDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Created(await desk.CreateSleepingAsync(request, user, cancellationToken), ListLocation));
        heads.MapGet("/{id:guid}/progress", async (Guid id, CallListReports reports, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Ok(await reports.ProgressAsync(id, user, cancellationToken)));
        heads.MapGet("/{id:guid}/answers", async (Guid id, CallListReports reports, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Ok(await reports.AnswersAsync(id, user, cancellationToken)));
        heads.MapGet("/{id:guid}/answers.csv", async (Guid id, CallListReports reports, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.File(await reports.CsvAsync(id, user, cancellationToken)));
        app.MapGet("/api/call-lists", async (CallListDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            TypedResults.Ok(await desk.ListAsync(user, cancellationToken))).RequireAuthorization(CrmPolicies.CallLists).WithTags("Call lists");

        var tasks = app.MapGroup("/api/call-tasks").RequireAuthorization(CrmPolicies.CallLists).WithTags("Call lists");
        tasks.MapGet("/next", async (string? listId, CallTaskDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            ListId(listId, out var id) is { } bad ? bad : (IResult)DeskHttp.OkOrNoContent(await desk.NextAsync(id, user, cancellationToken)));
        tasks.MapPost("/dial-next", async (string? listId, CallTaskDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            ListId(listId, out var id) is { } bad ? bad : (IResult)DeskHttp.AcceptedOrNoContent(await desk.DialNextAsync(id, user, cancellationToken), TaskLocation));
        tasks.MapPost("/{id:guid}/dial", async (Guid id, CallTaskDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Accepted(await desk.DialAsync(id, user, cancellationToken), TaskLocation));
        tasks.MapPost("/{id:guid}/result", async (Guid id, CallTaskResultRequest request, CallTaskDesk desk, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await desk.RecordResultAsync(id, request, user, cancellationToken)));

        app.MapPut("/api/clients/{id:guid}/do-not-call", async (Guid id, DoNotCallRequest request, DoNotCallDesk list, CallTaskEvents events,
                ClaimsPrincipal user, CancellationToken cancellationToken) => DeskHttp.Ok(await list.SetAsync(id, request, user, events, cancellationToken)))
            .RequireAuthorization(CrmPolicies.Staff).WithTags("CRM");
        return app;
    }

    private static string TaskLocation(DialStartedDto started) => $"/api/call-tasks/{started.TaskId}";

    private static string ListLocation(CallListDto list) => $"/api/call-lists/{list.Id}";

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
