using ContactCenter.Crm.MasterData.Import;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.PhoneNumbers;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.MasterData;

/// <summary>
/// Imports clients from the company's accounting system, keyed by their external id (issue #18). The whole file is
/// checked first with the same rules as the admin console, against the stored clients read once without tracking; every
/// bad row is reported with its line, field and reason. With apply the good rows are written set-based in chunks
/// (<see cref="ClientImportWriter"/>); importing the same file again changes nothing.
/// </summary>
internal sealed class ClientImport(CrmDbContext db, PhoneNumberNormalizer numbers, Audit audit, TimeProvider time) : IImporter<ClientRecordRequest>
{
    /// <inheritdoc />
    public Task<ImportReport> RunAsync(ImportFile<ClientRecordRequest> file, bool applyGoodRows, string userName, ImportProgress progress,
        CancellationToken cancellationToken) =>
        ImportRunner.RunAsync(file, applyGoodRows, "clients", userName, progress, audit, () => db.SaveChangesAsync(cancellationToken),
            problems => CheckAsync(file.Rows, problems, progress, cancellationToken),
            good => BulkChunks.WriteAsync(db, good, g => g.Line, (connection, chunk, ct) => ClientImportWriter.WriteAsync(connection, chunk, ct),
                progress, cancellationToken));

    private async Task<List<ClientImportWriter.Row>> CheckAsync(IReadOnlyList<ImportRow<ClientRecordRequest>> rows, List<ImportProblem> problems,
        ImportProgress progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lookups = await MasterDataLookups.LoadAsync(db, time, cancellationToken);
        var externalIds = rows.Select(r => r.Value.ExternalId?.Trim()).OfType<string>().Distinct().ToList();
        var existing = await db.Clients.AsNoTracking().AsSplitQuery().Include(c => c.Phones)
            .Where(c => c.ExternalId != null && externalIds.Contains(c.ExternalId))
            .ToDictionaryAsync(c => c.ExternalId!, StringComparer.Ordinal, cancellationToken);
        var e164s = rows.SelectMany(r => r.Value.Phones ?? []).Select(p => numbers.TryNormalize(p, out var e164) ? e164 : null).OfType<string>().Distinct().ToList();
        var owners = await db.ClientPhones.AsNoTracking().Where(p => e164s.Contains(p.E164)).ToDictionaryAsync(p => p.E164, p => p.ClientId, cancellationToken);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var good = new List<ClientImportWriter.Row>();
        foreach (var row in rows)
        {
            progress.Advance(1);
            var rowProblems = new List<ImportProblem>(row.ReadProblems);
            var externalId = row.Value.ExternalId?.Trim();
            if (string.IsNullOrEmpty(externalId))
            {
                rowProblems.Add(new ImportProblem(row.Line, "externalId", "Give the client's id in the accounting system."));
            }
            else if (!seen.Add(externalId))
            {
                rowProblems.Add(new ImportProblem(row.Line, "externalId", $"'{externalId}' is given on an earlier line too."));
            }

            var stored = externalId is null ? null : existing.GetValueOrDefault(externalId);

            // A row already known to be bad is checked on a copy, so that the report names all its problems and nothing of it is kept.
            var client = rowProblems.Count > 0 || stored is null
                ? new Client { Id = stored?.Id ?? Guid.CreateVersion7(now), Name = "", CreatedAt = now }
                : stored;
            var errors = ClientRules.CheckAndApply(row.Value, client, stored is null, lookups, numbers, owners);
            ImportRunner.AddRuleErrors(rowProblems, row.Line, errors);
            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }

            // A number claimed by this row belongs to it for the rows that follow (two rows cannot share one).
            foreach (var phone in client.Phones)
            {
                owners[phone.E164] = client.Id;
                if (phone.Id == Guid.Empty)
                {
                    phone.Id = Guid.CreateVersion7(now);
                }
            }

            good.Add(new ClientImportWriter.Row(row.Line, client));
        }

        return good;
    }
}
