using ContactCenter.Acd.Routing;
using ContactCenter.CallEngine.Calls;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Outbound;
using ContactCenter.PhoneNumbers;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ContactCenter.Host.Desk;

namespace ContactCenter.Host.Api;

/// <summary>Live calls in the engine.</summary>
public static class CallEndpoints
{
    /// <summary>The transfer target that asks the ACD for the client's manager.</summary>
    public const string ManagerTarget = "manager";

    /// <summary>Maps <c>/api/live-calls</c>: staff read, place (click-to-call) and transfer; admins hang up.</summary>
    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/live-calls").WithTags("Calls");
        group.MapGet("/", (CallManager calls) => TypedResults.Ok(calls.GetCalls())).RequireAuthorization(CrmPolicies.Staff);
        group.MapDelete("/{callId:guid}", HangUp).RequireAuthorization(CrmPolicies.Admin);
        group.MapPost("/{callId:guid}/transfer", Transfer).RequireAuthorization(CrmPolicies.Staff);
        group.MapPost("/", Originate).RequireAuthorization(CrmPolicies.Staff);
        return app;
    }

    private static Results<Accepted<TransferStarted>, ProblemHttpResult> Transfer(Guid callId, TransferRequest request, CallManager calls, AcdRouter router,
        DeskCallDirectory desks)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Target)
            || (request.Target != ManagerTarget && (!request.Target.All(char.IsAsciiDigit) || request.Target.Length > 16)))
        {
            return TypedResults.Problem($"target must be an extension (digits only) or \"{ManagerTarget}\" (the client's manager).", statusCode: StatusCodes.Status400BadRequest);
        }

        var target = request.Target;
        if (target == ManagerTarget)
        {
            // The ACD resolves "the client's manager" with its fallbacks (absent manager: another key-account manager, the head).
            var call = calls.GetCall(callId);
            if (call is null)
            {
                return TypedResults.Problem($"No answered live call {callId}.", statusCode: StatusCodes.Status409Conflict);
            }

            var decision = router.ResolveManager(call.CallerNumberE164, call.AgentExtension);
            if (decision.WouldOffer is not { } manager)
            {
                return TypedResults.Problem("Nobody can take the call for the client's manager now: "
                    + string.Join("; ", decision.Candidates.Select(c => $"{c.Extension ?? c.Source}: {c.Verdict}")), statusCode: StatusCodes.Status409Conflict);
            }

            target = manager;
        }

        // The reason is known to the desks before the target rings (its pop shows it); a refused request puts the old one back.
        var previousReason = calls.GetCall(callId) is null ? null : desks.SetTransferReason(callId, request.Reason);
        if (!calls.TryStartTransfer(callId, target, request.Reason))
        {
            if (calls.GetCall(callId) is not null)
            {
                desks.SetTransferReason(callId, previousReason);
            }

            return TypedResults.Problem($"No answered live call {callId} (or a transfer of it is under way).", statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Accepted($"/api/live-calls/{callId}", new TransferStarted(callId, target));
    }

    private static async Task<Results<Accepted<OriginateStarted>, ProblemHttpResult>> Originate(OriginateRequest request, CallManager calls,
        PhoneNumberNormalizer numbers, DoNotCallList doNotCall, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var agent = request?.Agent ?? user.Identity?.Name;
        if (request is null || string.IsNullOrWhiteSpace(request.Number) || request.Number.Length > 32 || agent is null || !agent.All(char.IsAsciiDigit))
        {
            return TypedResults.Problem("number (the client's phone number) is required; agent, when given, is an extension.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (agent != user.Identity?.Name && !user.IsInRole("Admin"))
        {
            return TypedResults.Problem("Agents place calls from their own phone only.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (numbers.TryNormalize(request.Number, out var e164) && await doNotCall.BlockedClientAsync(e164, null, cancellationToken) is { } blocked)
        {
            return TypedResults.Problem($"{blocked} asked not to be called (do-not-call).", statusCode: StatusCodes.Status409Conflict, title: DoNotCallList.ProblemTitle);
        }

        var result = calls.Originate(agent, request.Number.Trim(), "click-to-call");
        return result.CallId is { } callId
            ? TypedResults.Accepted($"/api/live-calls/{callId}", new OriginateStarted(callId, agent))
            : TypedResults.Problem($"The call cannot be placed: {result.Refusal}.", statusCode: StatusCodes.Status409Conflict);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> HangUp(Guid callId, CallManager calls) =>
        await calls.HangUpAsync(callId, "ended by an administrator")
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No live call {callId}.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>Where to transfer a call, and why (shown to the agent who receives it).</summary>
/// <param name="Target">The extension to transfer to, or <c>manager</c> for the client's manager (resolved by the ACD).</param>
/// <param name="Reason">Why, in a few words.</param>
public sealed record TransferRequest(string Target, string? Reason);

/// <summary>A transfer under way: the caller hears ringback while <paramref name="Target"/> rings.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Target">The extension that rings (for <c>manager</c>, the one the ACD chose).</param>
public sealed record TransferStarted(Guid CallId, string Target);

/// <summary>Click-to-call: the agent's phone rings first, then the number is dialled through the trunk.</summary>
/// <param name="Number">The client's number, in any format the dial plan normalizes.</param>
/// <param name="Agent">The agent (admins only; others place calls from their own extension).</param>
public sealed record OriginateRequest(string? Number, string? Agent);

/// <summary>A placed call: its id (events and the call record follow it) and the agent whose phone rings.</summary>
public sealed record OriginateStarted(Guid CallId, string Agent);
