using ContactCenter.Crm.MasterData.Import;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Crm.MasterData.Catalog;

/// <summary>
/// Imports prices keyed by price list name, SKU and column (<c>priceList;sku;column;price</c>): the list and the product
/// must exist, the column must be one of the list's. Prices the file does not name stay. Written set-based in chunks.
/// </summary>
internal sealed class PriceImport(CrmDbContext db, Audit audit) : IImporter<PriceImportRequest>
{
    private const string Upsert = """
        INSERT INTO product_prices AS p (price_list_id, product_id, column_index, price)
        SELECT price_list_id, product_id, column_index, price FROM import_prices
        ON CONFLICT (price_list_id, product_id, column_index) DO UPDATE SET price = excluded.price
        WHERE p.price IS DISTINCT FROM excluded.price
        RETURNING p.product_id, p.xmax = 0
        """;

    /// <inheritdoc />
    public Task<ImportReport> RunAsync(ImportFile<PriceImportRequest> file, bool applyGoodRows, string userName, ImportProgress progress,
        CancellationToken cancellationToken) =>
        ImportRunner.RunAsync(file, applyGoodRows, "prices", userName, progress, audit, () => db.SaveChangesAsync(cancellationToken),
            problems => CheckAsync(file.Rows, problems, progress, cancellationToken),
            good => BulkChunks.WriteAsync(db, good, g => g.Line, WriteAsync, progress, cancellationToken));

    private async Task<List<Row>> CheckAsync(IReadOnlyList<ImportRow<PriceImportRequest>> rows, List<ImportProblem> problems, ImportProgress progress,
        CancellationToken cancellationToken)
    {
        var lists = await db.PriceLists.AsNoTracking().Select(l => new { l.Id, l.Name, Columns = l.Columns.Count })
            .ToDictionaryAsync(l => l.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var skus = rows.Select(r => r.Value.Sku?.Trim()).OfType<string>().Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, p => p.Id, StringComparer.Ordinal, cancellationToken);
        var seen = new HashSet<(Guid, Guid, int)>();
        var good = new List<Row>();
        foreach (var row in rows)
        {
            progress.Advance(1);
            var (request, line) = (row.Value, row.Line);
            var rowProblems = new List<ImportProblem>(row.ReadProblems);
            var list = request.PriceList?.Trim() is { } name ? lists.GetValueOrDefault(name) : null;
            if (list is null)
            {
                rowProblems.Add(new ImportProblem(line, "priceList", $"Give the name of a price list: {string.Join(", ", lists.Keys.Order(StringComparer.Ordinal))}."));
            }

            var productId = request.Sku?.Trim() is { } sku && products.TryGetValue(sku, out var id) ? id : (Guid?)null;
            if (productId is null)
            {
                rowProblems.Add(new ImportProblem(line, "sku", $"No product has the SKU '{request.Sku}': import the products first."));
            }

            if ((request.Column is not { } column || column < 1 || column > (list?.Columns ?? int.MaxValue)) && !rowProblems.Exists(p => p.Field == "column"))
            {
                rowProblems.Add(new ImportProblem(line, "column", list is null ? "Give the column number." : $"Give a column of the list, 1 to {list.Columns}."));
            }

            if (request.Price is not (>= 0m and <= PriceListRecords.MaxPrice) && !rowProblems.Exists(p => p.Field == "price"))
            {
                rowProblems.Add(new ImportProblem(line, "price", $"Give the price, 0 to {PriceListRecords.MaxPrice:N0}."));
            }

            if (rowProblems.Count == 0 && !seen.Add((list!.Id, productId!.Value, request.Column!.Value)))
            {
                rowProblems.Add(new ImportProblem(line, "sku", $"The price of {request.Sku} in column {request.Column} is given on an earlier line too."));
            }

            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }

            good.Add(new Row(line, list!.Id, productId!.Value, request.Column!.Value, decimal.Round(request.Price!.Value, 2)));
        }

        return good;
    }

    private static async Task<(int Created, int Updated)> WriteAsync(NpgsqlConnection connection, IReadOnlyList<Row> chunk, CancellationToken cancellationToken)
    {
        await BulkChunks.ExecuteAsync(connection,
            "CREATE TEMP TABLE import_prices (price_list_id uuid, product_id uuid, column_index integer, price numeric) ON COMMIT DROP", cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_prices (price_list_id, product_id, column_index, price) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in chunk)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(row.PriceListId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(row.ProductId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(row.Column, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(row.Price, NpgsqlDbType.Numeric, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var upserted = await BulkChunks.ReturningAsync(connection, Upsert, cancellationToken);
        var created = upserted.Count(u => u.Inserted);
        return (created, upserted.Count - created);
    }

    private sealed record Row(int Line, Guid PriceListId, Guid ProductId, int Column, decimal Price);
}
