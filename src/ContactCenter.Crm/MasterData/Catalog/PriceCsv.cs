using ContactCenter.Crm.MasterData.Import;

namespace ContactCenter.Crm.MasterData.Catalog;

/// <summary>Reads a price file (<see cref="CsvImportReader"/>): columns <c>priceList;sku;column;price</c>.</summary>
internal static class PriceCsv
{
    private static readonly string[] Columns = ["pricelist", "sku", "column", "price"];

    /// <summary>The rows of <paramref name="reader"/>.</summary>
    public static ImportFile<PriceImportRequest> Read(TextReader reader) =>
        CsvImportReader.Read(reader, Columns, "price", f => new PriceImportRequest(f.Text("pricelist"), f.Text("sku"), f.Int("column"), f.Decimal("price")));
}
