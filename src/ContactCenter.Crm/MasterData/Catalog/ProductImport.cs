using ContactCenter.Crm.MasterData.Import;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.MasterData.Catalog;

/// <summary>
/// Imports the catalog keyed by SKU (the accounting system's article number) with the console's rules
/// (<see cref="ProductRules"/>). A catalog is thousands of products, not hundreds of thousands: the good rows are written
/// through EF Core in one transaction (at most <see cref="MaxRows"/> rows a file); re-importing the same file changes nothing.
/// </summary>
internal sealed class ProductImport(CrmDbContext db, Audit audit, TimeProvider time) : IImporter<ProductRequest>
{
    /// <summary>The most products one file may have.</summary>
    public const int MaxRows = 50_000;

    /// <inheritdoc />
    public Task<ImportReport> RunAsync(ImportFile<ProductRequest> file, bool applyGoodRows, string userName, ImportProgress progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Rows.Count > MaxRows)
        {
            file = file with { FileProblems = [.. file.FileProblems, new ImportProblem(0, "file", $"A product file has at most {MaxRows} rows; split it.")] };
        }

        return ImportRunner.RunAsync(file, applyGoodRows, "products", userName, progress, audit, () => db.SaveChangesAsync(cancellationToken),
            problems => CheckAsync(file.Rows, problems, progress, cancellationToken), good => WriteAsync(good, progress, cancellationToken));
    }

    private async Task<List<(Product Product, bool IsNew)>> CheckAsync(IReadOnlyList<ImportRow<ProductRequest>> rows, List<ImportProblem> problems,
        ImportProgress progress, CancellationToken cancellationToken)
    {
        var types = await db.ClientTypes.ToDictionaryAsync(t => t.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var skus = rows.Select(r => r.Value.Sku?.Trim()).OfType<string>().Distinct().ToList();
        var existing = await db.Products.AsSplitQuery().Include(p => p.TraditionalFor).Include(p => p.Certificates).Where(p => skus.Contains(p.Sku))
            .ToDictionaryAsync(p => p.Sku, StringComparer.Ordinal, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var good = new List<(Product, bool)>();
        foreach (var row in rows)
        {
            progress.Advance(1);
            var rowProblems = new List<ImportProblem>(row.ReadProblems);
            var sku = row.Value.Sku?.Trim();
            if (!string.IsNullOrEmpty(sku) && !seen.Add(sku))
            {
                rowProblems.Add(new ImportProblem(row.Line, "sku", $"'{sku}' is given on an earlier line too."));
            }

            var stored = sku is null ? null : existing.GetValueOrDefault(sku);
            var product = rowProblems.Count > 0 || stored is null ? new Product { Id = Guid.CreateVersion7(time.GetUtcNow()), Sku = "", Name = "", Unit = "" } : stored;
            ImportRunner.AddRuleErrors(rowProblems, row.Line, ProductRules.CheckAndApply(row.Value with { Sku = sku }, product, stored is null, types));
            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }

            good.Add((product, stored is null));
        }

        return good;
    }

    private async Task<BulkResult> WriteAsync(List<(Product Product, bool IsNew)> good, ImportProgress progress, CancellationToken cancellationToken)
    {
        db.Products.AddRange(good.Where(g => g.IsNew).Select(g => g.Product));
        db.ChangeTracker.DetectChanges();
        var changed = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity switch
            {
                Product p => p.Id,
                ProductCertificate c => c.ProductId,
                Dictionary<string, object> link when link.TryGetValue("ProductId", out var id) => (Guid)id,
                _ => Guid.Empty,
            }).ToHashSet();
        var created = good.Count(g => g.IsNew);
        var updated = good.Count(g => !g.IsNew && changed.Contains(g.Product.Id));
        await db.SaveChangesAsync(cancellationToken);
        progress.Advance(good.Count);
        return new BulkResult(created, updated, null);
    }
}
