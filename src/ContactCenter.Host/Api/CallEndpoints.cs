using ContactCenter.CallEngine.Calls;
using ContactCenter.Crm.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Host.Api;

/// <summary>Live calls in the engine.</summary>
public static class CallEndpoints
{
    /// <summary>Maps <c>/api/live-calls</c>: staff read, admins hang up.</summary>
    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/live-calls").WithTags("Calls");
        group.MapGet("/", (CallManager calls) => TypedResults.Ok(calls.GetCalls())).RequireAuthorization(CrmPolicies.Staff);
        group.MapDelete("/{callId:guid}", HangUp).RequireAuthorization(CrmPolicies.Admin);
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> HangUp(Guid callId, CallManager calls) =>
        await calls.HangUpAsync(callId, "ended by an administrator")
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No live call {callId}.", statusCode: StatusCodes.Status404NotFound);
}
