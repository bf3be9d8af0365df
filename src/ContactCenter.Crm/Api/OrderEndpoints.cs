using System.Security.Claims;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Promotions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>Taking orders: operators and managers build a draft during the call and accept it.</summary>
public static class OrderEndpoints
{
    private const int DefaultPageSize = 20;

    /// <summary>Maps <c>/api/orders</c> (staff only; an order is changed only by its author, their department head or an admin).</summary>
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/orders").RequireAuthorization(CrmPolicies.Staff).WithTags("Orders");
        group.MapPost("/", async (CreateOrderRequest request, OrderDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            Draft(await desk.CreateAsync(request, UserName(user), cancellationToken)));
        // Changes to an existing order: only its author, the author's department head or an admin.
        var changes = group.MapGroup("/").AddEndpointFilter(OrderEditFilter.FilterAsync);
        changes.MapPut("/{id:guid}/lines", async (Guid id, ReplaceLinesRequest request, OrderDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Ok(await desk.ReplaceLinesAsync(id, request, UserName(user), cancellationToken)));
        changes.MapPut("/{id:guid}/delivery", async (Guid id, DeliveryTerms request, OrderDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Ok(await desk.SetDeliveryAsync(id, request, UserName(user), cancellationToken)));
        changes.MapPut("/{id:guid}/upsell", async (Guid id, UpsellRequest request, OrderDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Ok(await desk.RecordUpsellAsync(id, request, UserName(user), cancellationToken)));
        changes.MapPut("/{id:guid}/promotions", async (Guid id, PromotionAnswersRequest request, OrderDesk desk, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await desk.RecordPromotionsAsync(id, request, UserName(user), cancellationToken)));
        changes.MapPost("/{id:guid}/accept", async (Guid id, OrderDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Ok(await desk.AcceptAsync(id, UserName(user), cancellationToken)));
        changes.MapPut("/{id:guid}/correction", async (Guid id, CorrectOrderRequest request, OrderAmendments amendments, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await amendments.CorrectAsync(id, request, UserName(user), cancellationToken)));
        changes.MapPost("/{id:guid}/cancel", async (Guid id, CancelOrderRequest request, OrderAmendments amendments, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await amendments.CancelAsync(id, request, UserName(user), cancellationToken)));
        group.MapGet("/{id:guid}", GetOrderAsync);
        group.MapGet("/", ListOrdersAsync);
        return app;
    }

    internal static async Task<Results<Ok<OrderDto>, NotFound>> GetOrderAsync(Guid id, OrderReader orders, CrmDbContext db, Audit audit,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(id, cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        audit.Record(UserName(user), "read", "order", id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(order);
    }

    internal static async Task<Results<Ok<OrderPageDto>, ValidationProblem>> ListOrdersAsync(Guid? clientId, string? status, int? page,
        int? pageSize, OrderReader orders, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        OrderStatus? parsed = null;
        if (status is not null)
        {
            if (Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var value) && Enum.IsDefined(value))
            {
                parsed = value;
            }
            else
            {
                errors["status"] = [$"Give one of: {string.Join(", ", Enum.GetNames<OrderStatus>())}."];
            }
        }

        Paging.Validate(page, pageSize, OrderReader.MaxPageSize, errors);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await orders.ListAsync(clientId, parsed, page ?? 1, pageSize ?? DefaultPageSize, cancellationToken));
    }

    /// <summary>201 for a new draft, 200 for the call's open draft returned again, 400 naming the field.</summary>
    internal static Results<Created<OrderDto>, Ok<OrderDto>, ValidationProblem> Draft(DeskResult<OrderDraft> result) =>
        !result.Succeeded ? TypedResults.ValidationProblem(result.Error.Fields ?? new Dictionary<string, string[]>(), title: result.Error.Title)
        : result.Value!.IsNew ? TypedResults.Created($"/api/orders/{result.Value.Order.Id}", result.Value.Order)
        : TypedResults.Ok(result.Value.Order);

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "?";
}
