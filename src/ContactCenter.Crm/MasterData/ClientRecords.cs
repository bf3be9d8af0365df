using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.PhoneNumbers;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.MasterData;

/// <summary>
/// Clients' master data kept by admins (issue #18): read, create and change a client with its numbers, manager, price
/// column, credit limit, status, do-not-call and receiving people. Every change is audited; the routing directory
/// picks it up at its next refresh.
/// </summary>
internal sealed class ClientRecords(CrmDbContext db, PhoneNumberNormalizer numbers, Audit audit, TimeProvider time)
{
    /// <summary>The client's master data, or null.</summary>
    public Task<ClientRecordDto?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        db.Clients.AsNoTracking().Where(c => c.Id == id).Select(Projection).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Clients whose name or external id contains <paramref name="search"/>, or who have the number it is (any format), by
    /// name, at most <paramref name="take"/>.
    /// </summary>
    public Task<List<ClientRecordDto>> ListAsync(string? search, int take, CancellationToken cancellationToken)
    {
        var query = db.Clients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var pattern = $"%{Catalog.ProductRecords.Like(text)}%";
            var e164 = numbers.TryNormalize(text, out var number) ? number : null;
            query = query.Where(c => EF.Functions.ILike(c.Name, pattern, "\\") || (c.ExternalId != null && EF.Functions.ILike(c.ExternalId, pattern, "\\"))
                || (e164 != null && c.Phones.Any(p => p.E164 == e164)));
        }

        return query.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(Math.Clamp(take, 1, 500)).Select(Projection).ToListAsync(cancellationToken);
    }

    /// <summary>Creates a client; 400 naming each bad field, 409 when the external id is taken.</summary>
    public async Task<DeskResult<ClientRecordDto>> CreateAsync(ClientRecordRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var client = new Client { Id = Guid.CreateVersion7(now), Name = "", CreatedAt = now };
        return await SaveAsync(client, isNew: true, request, userName, cancellationToken);
    }

    /// <summary>Changes the fields given; 404 for an unknown client.</summary>
    public async Task<DeskResult<ClientRecordDto>> UpdateAsync(Guid id, ClientRecordRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = await db.Clients.Include(c => c.Phones).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return client is null ? DeskError.NotFound() : await SaveAsync(client, isNew: false, request, userName, cancellationToken);
    }

    private async Task<DeskResult<ClientRecordDto>> SaveAsync(Client client, bool isNew, ClientRecordRequest request, string userName,
        CancellationToken cancellationToken)
    {
        var lookups = await MasterDataLookups.LoadAsync(db, time, cancellationToken);
        var given = (request.Phones ?? []).Select(p => numbers.TryNormalize(p, out var e164) ? e164 : null).OfType<string>().ToList();
        var owners = await db.ClientPhones.AsNoTracking().Where(p => given.Contains(p.E164)).ToDictionaryAsync(p => p.E164, p => p.ClientId, cancellationToken);
        var errors = ClientRules.CheckAndApply(request, client, isNew, lookups, numbers, owners);
        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, isNew ? "The client cannot be created" : "The client cannot be changed");
        }

        if (client.ExternalId is { } externalId
            && await db.Clients.AnyAsync(c => c.ExternalId == externalId && c.Id != client.Id, cancellationToken))
        {
            return DeskError.Invalid("externalId", $"Another client has the external id '{externalId}'.");
        }

        if (isNew)
        {
            db.Clients.Add(client);
        }

        audit.Record(userName, isNew ? "create" : "update", "client", client.Id.ToString(), Changed(request));
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(client.Id, cancellationToken))!;
    }

    // Which fields the change gave (never their values: the audit says who changed what, the record says what it is now).
    private static string Changed(ClientRecordRequest request) => string.Join(",",
        new (string Name, object? Value)[]
        {
            ("name", request.Name), ("type", request.Type), ("phones", request.Phones), ("manager", request.Manager),
            ("priceColumn", request.PriceColumn), ("creditLimit", request.CreditLimit), ("status", request.Status),
            ("doNotCall", request.DoNotCall), ("receivers", request.Receivers), ("email", request.Email), ("notes", request.Notes),
            ("externalId", request.ExternalId),
        }.Where(f => f.Value is not null).Select(f => f.Name));

    internal static readonly System.Linq.Expressions.Expression<Func<Client, ClientRecordDto>> Projection = c =>
        new ClientRecordDto(c.Id, c.Name, c.ClientType!.Code, c.Phones.OrderBy(p => p.E164).Select(p => p.E164).ToList(),
            c.AssignedManager!.Extension, c.PriceColumn, c.CreditLimit, c.Status == ClientStatus.Sleeping ? "sleeping" : "active",
            c.DoNotCall, c.Receivers, c.Email, c.Notes, c.ExternalId);
}
