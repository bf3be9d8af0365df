using ContactCenter.Crm.MasterData.Import;

namespace ContactCenter.Crm.MasterData;

/// <summary>Reads a receivables file (<see cref="CsvImportReader"/>): columns <c>externalId;client;documentNumber;outstanding;dueDate;paid</c>.</summary>
internal static class ReceivableCsv
{
    private static readonly string[] Columns = ["externalid", "client", "documentnumber", "outstanding", "duedate", "paid"];

    /// <summary>The rows of <paramref name="reader"/>.</summary>
    public static ImportFile<ReceivableImportRequest> Read(TextReader reader) =>
        CsvImportReader.Read(reader, Columns, "receivable", f => new ReceivableImportRequest(
            f.Text("externalid"), f.Text("client"), f.Text("documentnumber"), f.Decimal("outstanding"), f.Date("duedate"), f.Flag("paid")));
}
