using System.Security.Claims;
using System.Text.Json;
using ContactCenter.Acd.Policy;
using ContactCenter.Acd.Routing;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Crm.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Host.Api;

/// <summary>
/// The ACD over HTTP: the dry run (<c>GET /api/routing/explain</c>, staff) and the policy (admins): read, validate,
/// replace (a new version, in force for the next call), history.
/// </summary>
public static class RoutingEndpoints
{
    /// <summary>Maps <c>/api/routing</c>.</summary>
    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/routing").WithTags("Routing");
        group.MapGet("/explain", Explain).RequireAuthorization(CrmPolicies.Staff);
        group.MapGet("/policy", GetPolicy).RequireAuthorization(CrmPolicies.Admin);
        group.MapPut("/policy", PutPolicyAsync).RequireAuthorization(CrmPolicies.Admin);
        group.MapPost("/policy/validate", ValidatePolicyAsync).RequireAuthorization(CrmPolicies.Admin);
        group.MapGet("/policy/history", GetHistoryAsync).RequireAuthorization(CrmPolicies.Admin);
        return app;
    }

    private static Results<Ok<RoutingDecision>, ProblemHttpResult> Explain(string? from, string? to, string? menu, AcdRouter router,
        ICallerNumberNormalizer numbers)
    {
        if (string.IsNullOrWhiteSpace(to) || to.Length > 32)
        {
            return TypedResults.Problem("to (the service number dialled, e.g. 7000) is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (from is { Length: > 64 } || menu is { Length: > 32 })
        {
            return TypedResults.Problem("from or menu is too long.", statusCode: StatusCodes.Status400BadRequest);
        }

        var e164 = string.IsNullOrWhiteSpace(from) ? null : numbers.TryNormalize(from);
        return TypedResults.Ok(router.Explain(e164, to.Trim(), string.IsNullOrWhiteSpace(menu) ? null : menu.Trim()));
    }

    private static Ok<PolicyResponse> GetPolicy(RoutingPolicyProvider policies)
    {
        var active = policies.Current;
        return TypedResults.Ok(new PolicyResponse(active.Version, active.Source, active.Policy));
    }

    private static async Task<Results<Ok<PolicyResponse>, ValidationProblem, ProblemHttpResult>> PutPolicyAsync(HttpRequest request,
        int? expectedVersion, string? comment, RoutingPolicyProvider policies, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (policy, problem) = await ReadPolicyAsync(request, cancellationToken);
        if (policy is null)
        {
            return problem!;
        }

        try
        {
            var (saved, errors) = await policies.SaveAsync(policy, user.Identity?.Name ?? "unknown", comment, expectedVersion, cancellationToken);
            return saved is null
                ? Invalid(errors)
                : TypedResults.Ok(new PolicyResponse(saved.Version, saved.Source, saved.Policy));
        }
        catch (RoutingPolicyConflictException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<Results<Ok<ValidationResponse>, ValidationProblem, ProblemHttpResult>> ValidatePolicyAsync(HttpRequest request,
        RoutingPolicyProvider policies, CancellationToken cancellationToken)
    {
        var (policy, problem) = await ReadPolicyAsync(request, cancellationToken);
        if (policy is null)
        {
            return problem!;
        }

        var errors = policies.Validate(policy);
        return errors.Count == 0 ? TypedResults.Ok(new ValidationResponse(true, [])) : Invalid(errors);
    }

    private static async Task<Ok<IReadOnlyList<PolicyVersionResponse>>> GetHistoryAsync(IRoutingPolicyStore store, int? take, CancellationToken cancellationToken)
    {
        var history = await store.GetHistoryAsync(Math.Clamp(take ?? 20, 1, 200), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PolicyVersionResponse>>([.. history.Select(h => new PolicyVersionResponse(h.Version, h.CreatedAt, h.CreatedBy, h.Comment))]);
    }

    private static async Task<(RoutingPolicy? Policy, ProblemHttpResult? Problem)> ReadPolicyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > 1_000_000)
        {
            return (null, TypedResults.Problem("The policy document is larger than 1 MB.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (!RoutingPolicy.TryParse(text, out var policy, out var error))
        {
            return (null, TypedResults.Problem($"The body is not a routing policy document: {error}", statusCode: StatusCodes.Status400BadRequest));
        }

        return (policy, null);
    }

    /// <summary>Every problem under <c>policy</c>; those about a queue's or business hours' field also under that field (for the forms).</summary>
    private static ValidationProblem Invalid(IReadOnlyList<string> errors)
    {
        var fields = new Dictionary<string, string[]> { ["policy"] = [.. errors] };
        foreach (var field in errors.GroupBy(RoutingPolicyValidator.FieldOf).Where(g => g.Key is not null))
        {
            fields[field.Key!] = [.. field];
        }

        return TypedResults.ValidationProblem(fields, title: "The routing policy is not valid; nothing was saved.");
    }

    /// <summary>The policy in force.</summary>
    public sealed record PolicyResponse(int Version, string Source, RoutingPolicy Policy);

    /// <summary>The result of a validation.</summary>
    public sealed record ValidationResponse(bool Valid, IReadOnlyList<string> Errors);

    /// <summary>One saved version.</summary>
    public sealed record PolicyVersionResponse(int Version, DateTimeOffset CreatedAt, string CreatedBy, string? Comment);
}
