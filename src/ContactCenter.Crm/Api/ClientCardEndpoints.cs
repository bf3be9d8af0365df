using System.Security.Claims;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Persistence;
using ContactCenter.PhoneNumbers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>The client card: what an operator sees when a client calls (the screen pop).</summary>
public static class ClientCardEndpoints
{
    /// <summary>Maps <c>GET /api/clients/{id}/card</c>, <c>GET /api/clients/by-phone/{number}/card</c> the desk's catalog search <c>GET /api/clients/{id}/catalog</c> and a manager's <c>GET /api/clients/mine</c> (staff only).</summary>
    public static IEndpointRouteBuilder MapClientCardEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/clients").RequireAuthorization(CrmPolicies.Staff).WithTags("CRM");
        group.MapGet("/{id:guid}/card", GetCardAsync);
        group.MapGet("/by-phone/{number}/card", GetCardByPhoneAsync);
        group.MapGet("/mine", async (ManagerClients clients, CrmDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            TypedResults.Ok(await clients.ListAsync(await Users.SignedInUser.ReadAsync(db, user, cancellationToken), cancellationToken)));
        group.MapGet("/{id:guid}/catalog", async Task<Results<Ok<List<CatalogItemDto>>, NotFound>> (Guid id, string? search, int? take, DeskCatalog catalog,
            CancellationToken cancellationToken) =>
            await catalog.SearchAsync(id, search, take ?? 20, cancellationToken) is { } items ? TypedResults.Ok(items) : TypedResults.NotFound());
        return app;
    }

    internal static async Task<Results<Ok<ClientCardDto>, NotFound>> GetCardAsync(
        Guid id, Guid? orderId, ClientCardReader cards, CrmDbContext db, Audit audit, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var card = await cards.ReadAsync(id, orderId, cancellationToken);
        return card is null ? TypedResults.NotFound() : TypedResults.Ok(await AuditedAsync(card, db, audit, user, cancellationToken));
    }

    internal static async Task<Results<Ok<ClientCardDto>, NotFound, ValidationProblem>> GetCardByPhoneAsync(
        string number, Guid? orderId, PhoneNumberNormalizer numbers, ClientCardReader cards, CrmDbContext db, Audit audit,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!numbers.TryNormalize(number, out var e164))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["number"] = [$"'{number}' is not a phone number (expected e.g. +7 495 100-00-01 or 84951000001)."],
            });
        }

        var clientId = await cards.FindByPhoneAsync(e164, cancellationToken);
        var card = clientId is null ? null : await cards.ReadAsync(clientId.Value, orderId, cancellationToken);
        return card is null ? TypedResults.NotFound() : TypedResults.Ok(await AuditedAsync(card, db, audit, user, cancellationToken));
    }

    // Trade secrets: who saw which client's card (debts, prices, history) is recorded.
    private static async Task<ClientCardDto> AuditedAsync(ClientCardDto card, CrmDbContext db, Audit audit, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        audit.Record(user.Identity?.Name ?? "?", "read", "client-card", card.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return card;
    }
}
