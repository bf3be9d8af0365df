using ContactCenter.Contracts.Clients;
using ContactCenter.Crm.MasterData;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using ContactCenter.PhoneNumbers;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Clients;

/// <summary>
/// Department heads' work on new callers: the clients awaiting a manager, and the assignment (manager, type, price
/// column), which routes the client's next call to that manager once the ACD's directory refreshes.
/// </summary>
internal sealed class ClientAssignments(CrmDbContext db, PriceBook priceBook, Notifier notifier, Outbox.Outbox outbox, Audit audit,
    PhoneNumberNormalizer numbers, TimeProvider time)
{
    /// <summary>Clients with no manager (new callers first come first), at most 500.</summary>
    public Task<List<UnassignedClientDto>> ListUnassignedAsync(CancellationToken cancellationToken) =>
        db.Clients.AsNoTracking().Where(c => c.AssignedManagerId == null)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Name).Take(500)
            .Select(c => new UnassignedClientDto(c.Id, c.Name, c.ClientType!.Code, c.Phones.Select(p => p.E164).ToList(), c.PriceColumn,
                c.CreatedAt, c.Notes))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Assigns <see cref="AssignManagerRequest.Manager"/> (an active member of staff with the Manager role) to the client;
    /// 400 naming each bad field, 404 for an unknown client. Audited; <see cref="ClientAssigned"/> and a notification
    /// to the manager go out through the outbox in the same transaction.
    /// </summary>
    public async Task<DeskResult<ClientSummaryDto>> AssignAsync(Guid clientId,
        AssignManagerRequest request, SignedInUser by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        var userName = by.UserName;
        var client = await db.Clients.Include(c => c.ClientType).Include(c => c.Phones).SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return DeskError.NotFound($"There is no client {clientId}.", "Client not found");
        }

        // A client with a manager belongs to that manager's department: only its head (or an admin) moves it elsewhere.
        if (client.AssignedManagerId is { } currentId && !by.IsAdmin
            && await db.Staff.AsNoTracking().Where(s => s.Id == currentId).Select(s => new { s.Extension, s.DepartmentId, Department = s.Department!.Code })
                .SingleOrDefaultAsync(cancellationToken) is { } current
            && (current.DepartmentId is not { } department || !by.HeadOf.Contains(department)))
        {
            return DeskError.Forbidden(
                $"{client.Name} is managed by {current.Extension} ({current.Department}): only that department's head or an admin may reassign it.",
                "Not your department's client");
        }

        var errors = new Dictionary<string, string[]>();
        var manager = await ManagerAsync(request.Manager, errors, cancellationToken);
        var type = await TypeAsync(client, request.Type, errors, cancellationToken);
        if (request.PriceColumn is { } column && await priceBook.ColumnNameAsync(column, cancellationToken) is null)
        {
            errors["priceColumn"] = [$"The price list in force has no column {column}."];
        }

        if (request.Name is not null || request.Phones is not null)
        {
            // The head completes a new caller's record (name, numbers) with the console's rules.
            var given = (request.Phones ?? []).Select(p => numbers.TryNormalize(p, out var e164) ? e164 : null).OfType<string>().ToList();
            var owners = await db.ClientPhones.AsNoTracking().Where(p => given.Contains(p.E164)).ToDictionaryAsync(p => p.E164, p => p.ClientId, cancellationToken);
            var lookups = await MasterDataLookups.LoadAsync(db, time, cancellationToken);
            foreach (var (field, reasons) in ClientRules.CheckAndApply(new ClientRecordRequest(request.Name, null, request.Phones, null, null, null, null, null,
                null, null, null, null), client, isNew: false, lookups, numbers, owners))
            {
                errors[field] = reasons;
            }
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The manager cannot be assigned");
        }

        var previous = client.AssignedManagerId;
        client.AssignedManagerId = manager!.Id;
        client.ClientTypeId = type!.Id;
        client.PriceColumn = request.PriceColumn ?? client.PriceColumn;
        var now = time.GetUtcNow();
        outbox.Enqueue(new ClientAssigned(Guid.CreateVersion7(now), client.Id, client.Name, manager.Extension, type.Code, client.PriceColumn,
            userName, now));
        await notifier.ToStaffAsync(manager.Id, NotificationKinds.ClientAssigned,
            $"{client.Name} ({type.Name}) is now your client, assigned by {userName}.", "client", client.Id, cancellationToken);
        audit.Record(userName, "assign-manager", "client", client.Id.ToString(),
            $"manager={manager.Extension};previous={previous?.ToString() ?? "none"};type={type.Code};priceColumn={client.PriceColumn};name={client.Name};"
            + $"phones={string.Join('|', client.Phones.Select(p => p.E164))}");
        await outbox.SaveChangesAsync(cancellationToken);
        return await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(ClientSummaryDto.Projection).SingleAsync(cancellationToken);
    }

    private async Task<Staff?> ManagerAsync(string? extension, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(extension))
        {
            errors["manager"] = ["Give the extension of the manager, e.g. 2001."];
            return null;
        }

        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Extension == extension.Trim(), cancellationToken);
        var error = staff switch
        {
            null => $"No member of staff has extension {extension.Trim()}.",
            { Role: not StaffRole.Manager } => $"{staff.Extension} ({staff.FullName}) is {Article(staff.Role)}, not a manager.",
            { IsActive: false } => $"{staff.Extension} ({staff.FullName}) no longer works here.",
            _ => null,
        };
        if (error is not null)
        {
            errors["manager"] = [error];
            return null;
        }

        return staff;
    }

    private async Task<ClientType?> TypeAsync(Client client, string? code, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var stillNew = client.ClientType!.Code == NewClientRegistrar.NewTypeCode;
        if (string.IsNullOrWhiteSpace(code))
        {
            if (stillNew)
            {
                // The ACD treats a client of type "new" as a new caller even with a manager: the head must say what it is.
                errors["type"] = [$"{client.Name} is still of type 'new': give its type ({await TypeListAsync(cancellationToken)})."];
                return null;
            }

            return client.ClientType;
        }

        var type = await db.ClientTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Code == code.Trim(), cancellationToken);
        if (type is null || type.Code == NewClientRegistrar.NewTypeCode)
        {
            errors["type"] = [$"Give one of the client types: {await TypeListAsync(cancellationToken)}."];
            return null;
        }

        return type;
    }

    private async Task<string> TypeListAsync(CancellationToken cancellationToken) =>
        string.Join(", ", await db.ClientTypes.AsNoTracking().Where(t => t.Code != NewClientRegistrar.NewTypeCode)
            .OrderBy(t => t.Code).Select(t => t.Code).ToListAsync(cancellationToken));

    private static string Article(StaffRole role) => role switch
    {
        StaffRole.Operator => "an operator",
        StaffRole.Admin => "an admin",
        StaffRole.DepartmentHead => "a department head",
        StaffRole.Dispatcher => "a dispatcher",
        StaffRole.Finance => "in finance",
        _ => role.ToString(),
    };
}
