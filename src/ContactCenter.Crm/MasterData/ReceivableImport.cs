using ContactCenter.Crm.MasterData.Import;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.MasterData;

/// <summary>
/// Imports receivables keyed by the invoice's external id, each naming its client by the client's external id (import
/// clients first). Checked whole with the console's rules (<see cref="ReceivableRules"/>), one invoice number per
/// client; written set-based in chunks; re-importing the same file changes nothing.
/// </summary>
internal sealed class ReceivableImport(CrmDbContext db, Audit audit, TimeProvider time) : IImporter<ReceivableImportRequest>
{
    /// <inheritdoc />
    public Task<ImportReport> RunAsync(ImportFile<ReceivableImportRequest> file, bool applyGoodRows, string userName, ImportProgress progress,
        CancellationToken cancellationToken) =>
        ImportRunner.RunAsync(file, applyGoodRows, "receivables", userName, progress, audit, () => db.SaveChangesAsync(cancellationToken),
            problems => CheckAsync(file.Rows, problems, progress, cancellationToken),
            good => BulkChunks.WriteAsync(db, good, g => g.Line, ReceivableImportWriter.WriteAsync, progress, cancellationToken));

    private async Task<List<ReceivableImportWriter.Row>> CheckAsync(IReadOnlyList<ImportRow<ReceivableImportRequest>> rows, List<ImportProblem> problems,
        ImportProgress progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var clientKeys = rows.Select(r => r.Value.Client?.Trim()).OfType<string>().Distinct().ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => c.ExternalId != null && clientKeys.Contains(c.ExternalId))
            .ToDictionaryAsync(c => c.ExternalId!, c => c.Id, StringComparer.Ordinal, cancellationToken);
        var externalIds = rows.Select(r => r.Value.ExternalId?.Trim()).OfType<string>().Distinct().ToList();
        var existing = await db.Receivables.AsNoTracking().Where(r => r.ExternalId != null && externalIds.Contains(r.ExternalId))
            .ToDictionaryAsync(r => r.ExternalId!, StringComparer.Ordinal, cancellationToken);
        var clientIds = clients.Values.ToList();
        var documents = await db.Receivables.AsNoTracking().Where(r => clientIds.Contains(r.ClientId))
            .Select(r => new { r.ClientId, r.DocumentNumber, r.Id }).ToDictionaryAsync(r => (r.ClientId, r.DocumentNumber), r => r.Id, cancellationToken);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var good = new List<ReceivableImportWriter.Row>();
        foreach (var row in rows)
        {
            progress.Advance(1);
            var request = row.Value;
            var rowProblems = new List<ImportProblem>(row.ReadProblems);
            var externalId = request.ExternalId?.Trim();
            if (string.IsNullOrEmpty(externalId))
            {
                rowProblems.Add(new ImportProblem(row.Line, "externalId", "Give the invoice's id in the accounting system."));
            }
            else if (!seen.Add(externalId))
            {
                rowProblems.Add(new ImportProblem(row.Line, "externalId", $"'{externalId}' is given on an earlier line too."));
            }

            var stored = externalId is null ? null : existing.GetValueOrDefault(externalId);
            Guid? clientId = stored?.ClientId;
            if (request.Client?.Trim() is { } clientKey)
            {
                clientId = clients.TryGetValue(clientKey, out var id) ? id : null;
                if (clientId is null)
                {
                    rowProblems.Add(new ImportProblem(row.Line, "client", $"No client has the external id '{clientKey}': import the clients first."));
                }
            }
            else if (stored is null)
            {
                rowProblems.Add(new ImportProblem(row.Line, "client", "Give the client's external id."));
            }

            var receivable = rowProblems.Count > 0 || stored is null
                ? new Receivable { Id = stored?.Id ?? Guid.CreateVersion7(now), DocumentNumber = "", PaidOn = stored?.PaidOn }
                : stored;
            var errors = ReceivableRules.CheckAndApply(new ReceivableRequest(request.DocumentNumber, request.Outstanding, request.DueDate, request.Paid,
                externalId), receivable, stored is null, today);
            ImportRunner.AddRuleErrors(rowProblems, row.Line, errors);
            if (rowProblems.Count == 0)
            {
                receivable.ClientId = clientId!.Value;
                var key = (receivable.ClientId, receivable.DocumentNumber);
                if (documents.TryGetValue(key, out var holder) && holder != receivable.Id)
                {
                    rowProblems.Add(new ImportProblem(row.Line, "documentNumber",
                        $"The client has another receivable {receivable.DocumentNumber} already (on an earlier line or stored)."));
                }
                else
                {
                    documents[key] = receivable.Id;
                }
            }

            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }

            good.Add(new ReceivableImportWriter.Row(row.Line, receivable));
        }

        return good;
    }
}
