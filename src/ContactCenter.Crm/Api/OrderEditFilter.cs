using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Api;

/// <summary>The HTTP side of <see cref="OrderEditRights"/>: an endpoint filter for routes whose <c>id</c> is an order.</summary>
internal static class OrderEditFilter
{
    /// <summary>403 naming who may change the order when the signed-in user may not; an unknown order passes on (the handler answers 404).</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.RouteValues["id"] is not string text || !Guid.TryParse(text, out var orderId))
        {
            return await next(context);
        }

        var db = http.RequestServices.GetRequiredService<CrmDbContext>();
        var refusal = await OrderEditRights.RefusalAsync(db, http.User, orderId, http.RequestAborted);
        return refusal is null
            ? await next(context)
            : TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not your order");
    }
}
