using ContactCenter.Acd.Routing;
using ContactCenter.CallEngine.Calls;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Dialing;
using ContactCenter.Crm.Users;
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

    /// <summary>The most digits one DTMF request sends.</summary>
    public const int MaxDtmfDigits = 32;

    /// <summary>Maps <c>/api/live-calls</c>: staff read, place (click-to-call), transfer and send DTMF; admins hang up.</summary>
    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/live-calls").WithTags("Calls");
        group.MapGet("/", (CallManager calls) => TypedResults.Ok(calls.GetCalls())).RequireAuthorization(CrmPolicies.Staff);
        group.MapDelete("/{callId:guid}", HangUp).RequireAuthorization(CrmPolicies.Admin);
        group.MapPost("/{callId:guid}/transfer", Transfer).RequireAuthorization(CrmPolicies.Staff);
        group.MapPost("/{callId:guid}/dtmf", SendDtmf).RequireAuthorization(CrmPolicies.Staff);
        group.MapPost("/", Originate).RequireAuthorization(CrmPolicies.Staff);
        return app;
    }

    private static async Task<Results<Accepted<TransferStarted>, ProblemHttpResult>> Transfer(Guid callId, TransferRequest request, CallManager calls,
        AcdRouter router, DeskCallDirectory desks, SignedInStaff staff, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Target)
            || (request.Target != ManagerTarget && (!request.Target.All(char.IsAsciiDigit) || request.Target.Length > 16)))
        {
            return TypedResults.Problem($"target must be an extension (digits only) or \"{ManagerTarget}\" (the client's manager).", statusCode: StatusCodes.Status400BadRequest);
        }

        // The agent on the call hands it on; a department head or an admin may move anyone's call. Nobody else.
        if (calls.GetCall(callId) is { } live && !await ActsForAsync(staff, user, live.AgentExtension, cancellationToken, headsToo: true))
        {
            return TypedResults.Problem($"Only the call's agent ({live.AgentExtension}), a department head or an admin transfers it.",
                statusCode: StatusCodes.Status403Forbidden);
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
        if (!await calls.TryStartTransferAsync(callId, target, request.Reason))
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
        PhoneNumberNormalizer numbers, DoNotCallList doNotCall, DatabaseOutage outage, SignedInStaff staff, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Number) || request.Number.Length > 32 || (request.Agent is { } given && !given.All(char.IsAsciiDigit)))
        {
            return TypedResults.Problem("number (the client's phone number) is required; agent, when given, is an extension.", statusCode: StatusCodes.Status400BadRequest);
        }

        // Without an agent the call starts on the caller's own phone: the extension of their staff record.
        var agent = request.Agent ?? await staff.ExtensionOfAsync(user, cancellationToken);
        if (agent is null || !await ActsForAsync(staff, user, agent, cancellationToken))
        {
            return TypedResults.Problem("Agents place calls from their own phone only.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (numbers.TryNormalize(request.Number, out var e164) && await BlockedClientAsync(doNotCall, outage, e164, cancellationToken) is { } blocked)
        {
            return TypedResults.Problem($"{blocked} asked not to be called (do-not-call).", statusCode: StatusCodes.Status409Conflict, title: DoNotCallList.ProblemTitle);
        }

        var result = calls.Originate(agent, request.Number.Trim(), "click-to-call");
        return result.CallId is { } callId
            ? TypedResults.Accepted($"/api/live-calls/{callId}", new OriginateStarted(callId, agent))
            : TypedResults.Problem($"The call cannot be placed: {result.Refusal}.", statusCode: StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// Sends DTMF digits toward the client's leg of an answered call (RFC 4733 events made by the engine), e.g. to
    /// work a client's voice menu on an outbound call. Only the call's agent or an admin; answers once they are sent.
    /// </summary>
    private static async Task<Results<Ok<DtmfSent>, ProblemHttpResult>> SendDtmf(Guid callId, DtmfRequest request, CallManager calls, SignedInStaff staff,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var digits = request?.Digits;
        if (string.IsNullOrEmpty(digits) || digits.Length > MaxDtmfDigits)
        {
            return TypedResults.Problem($"digits must be 1 to {MaxDtmfDigits} DTMF characters: 0-9, *, #, A-D.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (calls.GetCall(callId) is not { } call)
        {
            return TypedResults.Problem($"No live call {callId}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!await ActsForAsync(staff, user, call.AgentExtension, cancellationToken))
        {
            return TypedResults.Problem("Only the call's agent (or an admin) sends digits into it.", statusCode: StatusCodes.Status403Forbidden);
        }

        return await calls.SendDtmfAsync(callId, digits, cancellationToken) switch
        {
            DtmfSendResult.Sent => TypedResults.Ok(new DtmfSent(callId, digits.ToUpperInvariant())),
            DtmfSendResult.NoSuchCall => TypedResults.Problem($"No live call {callId}.", statusCode: StatusCodes.Status404NotFound),
            DtmfSendResult.NoTelephoneEvent => TypedResults.Problem("The client's leg negotiated no telephone-event (RFC 4733): digits cannot be sent.",
                statusCode: StatusCodes.Status409Conflict),
            DtmfSendResult.NoClientLeg => TypedResults.Problem("The call has no client leg (a call between extensions).", statusCode: StatusCodes.Status409Conflict),
            DtmfSendResult.Busy => TypedResults.Problem("Digits are being sent to this call already.", statusCode: StatusCodes.Status409Conflict),
            DtmfSendResult.InvalidDigits => TypedResults.Problem("digits must be DTMF characters: 0-9, *, #, A-D.", statusCode: StatusCodes.Status400BadRequest),
            _ => TypedResults.Problem($"The call {callId} is not answered (or ended).", statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> HangUp(Guid callId, CallManager calls) =>
        await calls.HangUpAsync(callId, "ended by an administrator")
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No live call {callId}.", statusCode: StatusCodes.Status404NotFound);

    // The client's name when they asked not to be called. While the database is down the engine's own check refuses the
    // call instead (its copy of the do-not-call numbers, last good read): the agent sees the refusal, without the name.
    private static async Task<string?> BlockedClientAsync(DoNotCallList doNotCall, DatabaseOutage outage, string e164, CancellationToken cancellationToken)
    {
        if (outage.IsDown)
        {
            return null;
        }

        try
        {
            return await doNotCall.BlockedClientAsync(e164, null, cancellationToken);
        }
        catch (Exception ex) when (Crm.Messaging.BusTransport.IsOutage(ex))
        {
            outage.Failed();
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="user"/> may act on <paramref name="extension"/>'s phone or call: they are an admin, or -
    /// where <paramref name="headsToo"/> - a department head, or it is the extension of the staff record their user is
    /// linked to (never merely a user name that looks like the extension).
    /// </summary>
    private static async Task<bool> ActsForAsync(SignedInStaff staff, ClaimsPrincipal user, string? extension, CancellationToken cancellationToken,
        bool headsToo = false) =>
        user.IsInRole(nameof(StaffRole.Admin)) || (headsToo && user.IsInRole(nameof(StaffRole.DepartmentHead)))
        || (extension is not null && extension == await staff.ExtensionOfAsync(user, cancellationToken));
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

/// <summary>DTMF digits to send toward the client.</summary>
/// <param name="Digits">0-9, *, #, A-D; at most 32.</param>
public sealed record DtmfRequest(string? Digits);

/// <summary>The digits were sent to the client's leg of <paramref name="CallId"/>.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Digits">What was sent.</param>
public sealed record DtmfSent(Guid CallId, string Digits);
