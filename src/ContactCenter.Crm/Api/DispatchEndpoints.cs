using System.Globalization;
using System.Security.Claims;
using ContactCenter.Crm.Dispatch;
using ContactCenter.Crm.Outbound;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>Dispatch: deliveries, the consignee's notification call and its outcome (dispatchers and admins).</summary>
public static class DispatchEndpoints
{
    /// <summary>Maps <c>/api/deliveries</c>.</summary>
    public static IEndpointRouteBuilder MapDispatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deliveries").RequireAuthorization(CrmPolicies.Dispatch).WithTags("Dispatch");
        group.MapPost("/", async (CreateDeliveryRequest request, DispatchDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Created(await desk.CreateAsync(request, user, cancellationToken), delivery => $"/api/deliveries/{delivery.Id}"));
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", async Task<Results<Ok<DeliveryDto>, NotFound>> (Guid id, DispatchDesk desk, CancellationToken cancellationToken) =>
            await desk.GetAsync(id, cancellationToken) is { } delivery ? TypedResults.Ok(delivery) : TypedResults.NotFound());
        group.MapPost("/{id:guid}/notify", NotifyAsync);
        group.MapPost("/{id:guid}/outcome", async (Guid id, DeliveryOutcomeRequest request, DispatchDesk desk, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await desk.RecordOutcomeAsync(id, request, StaffLookup.UserName(user), cancellationToken)));
        return app;
    }

    private static async Task<Results<Ok<List<DeliveryDto>>, ValidationProblem>> ListAsync(string? date, DispatchDesk desk, CancellationToken cancellationToken)
    {
        DateOnly? day = null;
        if (date is not null)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [$"'{date}' is not a date (yyyy-MM-dd)."] });
            }

            day = parsed;
        }

        return TypedResults.Ok(await desk.ListAsync(day, cancellationToken));
    }

    private static async Task<Results<Accepted<DeliveryCallDto>, NotFound, ValidationProblem, ProblemHttpResult>> NotifyAsync(Guid id, int? phone,
        DispatchDesk desk, CrmDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await StaffLookup.OfAsync(db, user, cancellationToken) is not { } me)
        {
            return TypedResults.Problem("Notification calls ring the dispatcher's phone first; this sign-in has no extension.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        return DeskHttp.Accepted(await desk.NotifyAsync(id, phone, me.Extension, StaffLookup.UserName(user), cancellationToken), _ => $"/api/deliveries/{id}");
    }
}
