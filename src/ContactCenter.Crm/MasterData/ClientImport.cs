using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.PhoneNumbers;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.MasterData;

/// <summary>
/// Imports clients from the company's accounting system, keyed by their external id (issue #18). The whole file is
/// checked first with the same rules as the admin console; every bad row is reported with its line, field and reason.
/// Nothing is written unless the admin chose to apply the good rows; importing the same file again changes nothing.
/// </summary>
internal sealed class ClientImport(CrmDbContext db, PhoneNumberNormalizer numbers, Audit audit, TimeProvider time)
{
    /// <summary>The most rows one file may have.</summary>
    public const int MaxRows = 200_000;

    /// <summary>Checks <paramref name="rows"/> and, with <paramref name="applyGoodRows"/>, writes the good ones in one transaction.</summary>
    public async Task<ImportReport> RunAsync(IReadOnlyList<ClientImportRow> rows, IReadOnlyList<ImportProblem> fileProblems, bool applyGoodRows,
        string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(fileProblems);
        var problems = new List<ImportProblem>(fileProblems);
        if (rows.Count > MaxRows)
        {
            problems.Add(new ImportProblem(0, "file", $"A file has at most {MaxRows} rows; split it."));
        }

        if (problems.Count > 0)
        {
            return new ImportReport(rows.Count, 0, false, 0, 0, 0, problems);
        }

        var now = time.GetUtcNow();
        var lookups = await MasterDataLookups.LoadAsync(db, time, cancellationToken);
        var externalIds = rows.Select(r => r.Client.ExternalId).OfType<string>().Distinct().ToList();
        var existing = await db.Clients.Include(c => c.Phones).Where(c => c.ExternalId != null && externalIds.Contains(c.ExternalId))
            .ToDictionaryAsync(c => c.ExternalId!, StringComparer.Ordinal, cancellationToken);
        var e164s = rows.SelectMany(r => r.Client.Phones ?? []).Select(p => numbers.TryNormalize(p, out var e164) ? e164 : null).OfType<string>().Distinct().ToList();
        var owners = await db.ClientPhones.AsNoTracking().Where(p => e164s.Contains(p.E164)).ToDictionaryAsync(p => p.E164, p => p.ClientId, cancellationToken);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var good = new List<(Client Client, bool IsNew)>();
        foreach (var row in rows)
        {
            var rowProblems = new List<ImportProblem>(row.ReadProblems);
            var externalId = row.Client.ExternalId?.Trim();
            if (string.IsNullOrEmpty(externalId))
            {
                rowProblems.Add(new ImportProblem(row.Line, "externalId", "Give the client's id in the accounting system."));
            }
            else if (!seen.Add(externalId))
            {
                rowProblems.Add(new ImportProblem(row.Line, "externalId", $"'{externalId}' is given on an earlier line too."));
            }

            var stored = externalId is null ? null : existing.GetValueOrDefault(externalId);
            var isNew = stored is null;

            // A row already known to be bad is checked on a copy, so that the report names all its problems and nothing of it is kept.
            var client = rowProblems.Count > 0 || stored is null
                ? new Client { Id = stored?.Id ?? Guid.CreateVersion7(now), Name = "", CreatedAt = now }
                : stored;
            var errors = ClientRules.CheckAndApply(row.Client, client, isNew, lookups, numbers, owners);
            rowProblems.AddRange(errors.SelectMany(e => e.Value.Select(reason => new ImportProblem(row.Line, e.Key, reason))));
            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }

            // A number claimed by this row belongs to it for the rows that follow (two rows cannot share one).
            foreach (var phone in client.Phones)
            {
                owners[phone.E164] = client.Id;
            }

            good.Add((client, isNew));
        }

        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        if (!applyGoodRows || good.Count == 0)
        {
            return new ImportReport(rows.Count, good.Count, false, 0, 0, 0, problems);
        }

        foreach (var (client, _) in good.Where(g => g.IsNew))
        {
            db.Clients.Add(client);
        }

        db.ChangeTracker.DetectChanges();
        var changed = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity switch { Client c => c.Id, ClientPhone p => p.ClientId, _ => Guid.Empty }).ToHashSet();
        var updated = good.Count(g => !g.IsNew && changed.Contains(g.Client.Id));
        var created = good.Count(g => g.IsNew);
        audit.Record(userName, "import", "clients", null, $"rows={rows.Count};created={created};updated={updated};problems={problems.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return new ImportReport(rows.Count, good.Count, true, created, updated, good.Count - created - updated, problems);
    }
}
