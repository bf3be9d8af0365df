using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.MasterData;

/// <summary>
/// A client's receivables kept by admins (until the accounting import brings them): invoice, amount still owed, due
/// date, paid. The debt check and the router read them as they are.
/// </summary>
internal sealed class ReceivableRecords(CrmDbContext db, Audit audit, TimeProvider time)
{
    /// <summary>The client's receivables, earliest due first; null for an unknown client.</summary>
    public async Task<List<ReceivableRecordDto>?> ListAsync(Guid clientId, CancellationToken cancellationToken) =>
        await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken)
            ? await db.Receivables.AsNoTracking().Where(r => r.ClientId == clientId).OrderBy(r => r.DueDate).ThenBy(r => r.DocumentNumber)
                .Select(r => new ReceivableRecordDto(r.Id, r.ClientId, r.DocumentNumber, r.Outstanding, r.DueDate, r.PaidOn, r.ExternalId))
                .ToListAsync(cancellationToken)
            : null;

    /// <summary>Adds a receivable to the client; 400 naming each bad field, 404 for an unknown client.</summary>
    public async Task<DeskResult<ReceivableRecordDto>> CreateAsync(Guid clientId, ReceivableRequest request, string userName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            return DeskError.NotFound();
        }

        var receivable = new Receivable { Id = Guid.CreateVersion7(time.GetUtcNow()), ClientId = clientId, DocumentNumber = "" };
        return await SaveAsync(receivable, isNew: true, request, userName, cancellationToken);
    }

    /// <summary>Changes the fields given (<c>paid: true</c> settles it: nothing outstanding, paid today).</summary>
    public async Task<DeskResult<ReceivableRecordDto>> UpdateAsync(Guid id, ReceivableRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var receivable = await db.Receivables.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return receivable is null ? DeskError.NotFound() : await SaveAsync(receivable, isNew: false, request, userName, cancellationToken);
    }

    private async Task<DeskResult<ReceivableRecordDto>> SaveAsync(Receivable receivable, bool isNew, ReceivableRequest request, string userName,
        CancellationToken cancellationToken)
    {
        var errors = ReceivableRules.CheckAndApply(request, receivable, isNew, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (errors.Count == 0 && await db.Receivables.AnyAsync(r => r.Id != receivable.Id
                && ((r.ClientId == receivable.ClientId && r.DocumentNumber == receivable.DocumentNumber)
                    || (receivable.ExternalId != null && r.ExternalId == receivable.ExternalId)), cancellationToken))
        {
            errors["documentNumber"] = [$"The client has a receivable {receivable.DocumentNumber} already, or another has its external id."];
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The receivable cannot be saved");
        }

        if (isNew)
        {
            db.Receivables.Add(receivable);
        }

        audit.Record(userName, isNew ? "create" : "update", "receivable", receivable.Id.ToString(),
            $"client={receivable.ClientId};document={receivable.DocumentNumber};paid={receivable.PaidOn is not null}");
        await db.SaveChangesAsync(cancellationToken);
        return new ReceivableRecordDto(receivable.Id, receivable.ClientId, receivable.DocumentNumber, receivable.Outstanding, receivable.DueDate,
            receivable.PaidOn, receivable.ExternalId);
    }
}

/// <summary>A receivable to add (document, amount, due date) or change (any field; <c>paid</c> settles or reopens it).</summary>
public sealed record ReceivableRequest(string? DocumentNumber, decimal? Outstanding, DateOnly? DueDate, bool? Paid, string? ExternalId);

/// <summary>A receivable as the admin console shows it.</summary>
public sealed record ReceivableRecordDto(Guid Id, Guid ClientId, string DocumentNumber, decimal Outstanding, DateOnly DueDate, DateOnly? PaidOn,
    string? ExternalId);
