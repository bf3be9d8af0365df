using System.Security.Claims;
using ContactCenter.Acd.Agents;
using ContactCenter.Acd.Directory;
using ContactCenter.Acd.Policy;
using ContactCenter.Acd.Queues;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Host.Api;

/// <summary>
/// Agent states and queues: staff read them; agents change their own state (log in/out, break, absence), admins
/// and department heads anyone's.
/// </summary>
public static class AgentEndpoints
{
    /// <summary>Maps <c>/api/agents</c> and <c>/api/queues</c>.</summary>
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/agents").WithTags("Agents");
        agents.MapGet("/", (AgentStateBoard board, IExtensionCatalog extensions) => TypedResults.Ok(board.GetAll(extensions.GetExtensions()).Select(ToResponse)))
            .RequireAuthorization(CrmPolicies.Staff);
        agents.MapGet("/{extension}", GetAgent).RequireAuthorization(CrmPolicies.Staff);
        agents.MapPut("/{extension}/state", SetState).RequireAuthorization(CrmPolicies.Staff);
        app.MapGet("/api/queues", GetQueues).WithTags("Agents").RequireAuthorization(CrmPolicies.Staff);
        return app;
    }

    private static Results<Ok<AgentResponse>, NotFound<string>> GetAgent(string extension, AgentStateBoard board, IExtensionCatalog extensions) =>
        extensions.GetExtensions().Contains(extension)
            ? TypedResults.Ok(ToResponse(board.GetStatus(extension)))
            : TypedResults.NotFound($"No extension {extension}.");

    private static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> SetState(string extension, AgentStateRequest request, AgentStateBoard board,
        IExtensionCatalog extensions, SignedInStaff staff, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var known = extensions.GetExtensions();
        if (!known.Contains(extension))
        {
            return TypedResults.Problem($"No extension {extension}.", statusCode: StatusCodes.Status404NotFound);
        }

        // "Their own" is the extension of the staff record behind the user, not a user name that looks like it.
        if (!user.IsInRole("Admin") && !user.IsInRole("DepartmentHead")
            && !string.Equals(await staff.ExtensionOfAsync(user, cancellationToken), extension, StringComparison.Ordinal))
        {
            return TypedResults.Problem("Agents change only their own state; admins and department heads anyone's.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (request is null || !Enum.TryParse<AgentChosenState>(request.State?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var state)
            || !Enum.IsDefined(state) || request.State!.All(char.IsAsciiDigit))
        {
            return TypedResults.Problem("state must be one of: available, logged-out, break, absent, wrap-up.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.Reason is { Length: > 200 })
        {
            return TypedResults.Problem("reason is longer than 200 characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.Substitute is { } substitute && (state != AgentChosenState.Absent || !known.Contains(substitute) || substitute == extension))
        {
            return TypedResults.Problem("substitute must be another known extension, and only for state absent.", statusCode: StatusCodes.Status400BadRequest);
        }

        var status = board.SetChosenState(extension, state, request.Reason, request.Substitute, user.Identity?.Name ?? "unknown");
        return TypedResults.Ok(ToResponse(status));
    }

    private static Ok<IReadOnlyList<QueueResponse>> GetQueues(RoutingPolicyProvider policies, QueueTracker queues, AgentStateBoard board)
    {
        var policy = policies.Current.Policy;
        var list = (policy.Queues ?? []).Select(q => new QueueResponse(
            q.Name, q.Strategy, queues.GetFigures(q.Name),
            [.. q.Members.Select(m => ToResponse(board.GetStatus(m.Extension)))])).ToList();
        return TypedResults.Ok<IReadOnlyList<QueueResponse>>(list);
    }

    private static AgentResponse ToResponse(AgentStatus s) =>
        new(s.Extension, s.StateName, s.ChosenName, s.Reason, s.Substitute,
            s.Registered, s.Ringing, s.OnCalls, s.IdleSince, s.AnsweredCalls);

    /// <summary>
    /// A state change: <c>available</c>, <c>logged-out</c>, <c>break</c> (with a reason), <c>absent</c> (with a reason and
    /// optionally a substitute) or <c>wrap-up</c> (no offers until available, at most <c>Acd:MaxManualWrapUp</c>).
    /// </summary>
    public sealed record AgentStateRequest(string? State, string? Reason, string? Substitute);

    /// <summary>An agent's state.</summary>
    public sealed record AgentResponse(string Extension, string State, string Chosen, string? Reason, string? Substitute, bool Registered,
        int Ringing, int OnCalls, DateTimeOffset? IdleSince, int AnsweredCalls);

    /// <summary>A queue, its figures and its members' states.</summary>
    public sealed record QueueResponse(string Name, string Strategy, QueueFigures Figures, IReadOnlyList<AgentResponse> Members);
}
