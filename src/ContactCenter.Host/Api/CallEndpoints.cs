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
        group.MapPost("/{callId:guid}/transfer", Transfer).RequireAuthorization(CrmPolicies.Staff);
        return app;
    }

    private static Results<Accepted, ProblemHttpResult> Transfer(Guid callId, TransferRequest request, CallManager calls)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Target) || !request.Target.All(char.IsAsciiDigit) || request.Target.Length > 16)
        {
            return TypedResults.Problem("target must be an extension (digits only).", statusCode: StatusCodes.Status400BadRequest);
        }

        return calls.TryStartTransfer(callId, request.Target, request.Reason)
            ? TypedResults.Accepted($"/api/live-calls/{callId}")
            : TypedResults.Problem($"No answered live call {callId} (or a transfer of it is under way).", statusCode: StatusCodes.Status409Conflict);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> HangUp(Guid callId, CallManager calls) =>
        await calls.HangUpAsync(callId, "ended by an administrator")
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No live call {callId}.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>Where to transfer a call, and why (shown to the agent who receives it).</summary>
/// <param name="Target">The extension to transfer to.</param>
/// <param name="Reason">Why, in a few words.</param>
public sealed record TransferRequest(string Target, string? Reason);
