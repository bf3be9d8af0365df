using System.Security.Claims;
using ContactCenter.Crm.MasterData.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>The catalog kept in the admin console (issue #18): products, price lists, prices. Admins only.</summary>
internal static class CatalogEndpoints
{
    /// <summary>Maps <c>/api/admin/products</c> and <c>/api/admin/price-lists</c>.</summary>
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(CrmPolicies.Admin).WithTags("Catalog");
        admin.MapGet("/products", (string? search, int? take, ProductRecords products, CancellationToken cancellationToken) =>
            products.ListAsync(search, take ?? 100, cancellationToken));
        admin.MapGet("/products/{sku}", async Task<Results<Ok<ProductRecordDto>, NotFound>> (string sku, ProductRecords products, CancellationToken cancellationToken) =>
            await products.GetAsync(sku, cancellationToken) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound());
        admin.MapPost("/products", async (ProductRequest request, ProductRecords products, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Created(await products.CreateAsync(request, UserName(user), cancellationToken), p => $"/api/admin/products/{Uri.EscapeDataString(p.Sku)}"));
        admin.MapPut("/products/{sku}", async (string sku, ProductRequest request, ProductRecords products, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await products.UpdateAsync(sku, request, UserName(user), cancellationToken)));

        admin.MapGet("/price-lists", (PriceListRecords lists, CancellationToken cancellationToken) => lists.ListAsync(cancellationToken));
        admin.MapPost("/price-lists", async (PriceListRequest request, PriceListRecords lists, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Created(await lists.CreateAsync(request, UserName(user), cancellationToken), l => $"/api/admin/price-lists/{l.Id}"));
        admin.MapPut("/price-lists/{id:guid}", async (Guid id, PriceListRequest request, PriceListRecords lists, ClaimsPrincipal user,
            CancellationToken cancellationToken) => DeskHttp.Ok(await lists.UpdateAsync(id, request, UserName(user), cancellationToken)));
        admin.MapGet("/price-lists/{id:guid}/prices", async Task<Results<Ok<List<ProductPricesDto>>, NotFound>> (Guid id, string? search, int? take,
            PriceListRecords lists, CancellationToken cancellationToken) =>
            await lists.PricesAsync(id, search, take ?? 100, cancellationToken) is { } prices ? TypedResults.Ok(prices) : TypedResults.NotFound());
        admin.MapPut("/price-lists/{id:guid}/prices/{sku}", async (Guid id, string sku, ProductPricesRequest request, PriceListRecords lists,
            ClaimsPrincipal user, CancellationToken cancellationToken) =>
            DeskHttp.Ok(await lists.SetPricesAsync(id, sku, request, UserName(user), cancellationToken)));
        return app;
    }

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "?";
}
