using System.Globalization;
using ContactCenter.Crm.MasterData.Import;

namespace ContactCenter.Crm.MasterData.Catalog;

/// <summary>
/// Reads a product file (<see cref="CsvImportReader"/>): columns <c>sku;name;unit;isNew;isActive;traditionalFor;certificates</c>;
/// client type codes separated by <c>|</c>; certificates as <c>number@yyyy-MM-dd[@link]</c> separated by <c>|</c>.
/// </summary>
internal static class ProductCsv
{
    private static readonly string[] Columns = ["sku", "name", "unit", "isnew", "isactive", "traditionalfor", "certificates"];

    /// <summary>The rows of <paramref name="reader"/>.</summary>
    public static ImportFile<ProductRequest> Read(TextReader reader) =>
        CsvImportReader.Read(reader, Columns, "product", f => new ProductRequest(
            f.Text("sku"), f.Text("name"), f.Text("unit"), f.Flag("isnew"), f.Flag("isactive"), f.List("traditionalfor"), Certificates(f)));

    private static List<CertificateRequest>? Certificates(CsvImportFields fields)
    {
        var items = fields.List("certificates");
        return items?.Select(item =>
        {
            var parts = item.Split('@', 3, StringSplitOptions.TrimEntries);
            var until = parts.Length > 1 && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : (DateOnly?)null;
            return new CertificateRequest(parts[0], until, parts.Length > 2 ? parts[2] : null);
        }).ToList();
    }
}
