using ContactCenter.Crm.MasterData.Import;

namespace ContactCenter.Crm.MasterData;

/// <summary>
/// Reads a client file (<see cref="CsvImportReader"/>): columns <c>externalId;name;type;phones;manager;priceColumn;creditLimit;
/// status;doNotCall;receivers;email;notes</c>, several phones or receivers separated by <c>|</c>.
/// </summary>
internal static class ClientCsv
{
    private static readonly string[] Columns =
        ["externalid", "name", "type", "phones", "manager", "pricecolumn", "creditlimit", "status", "donotcall", "receivers", "email", "notes"];

    /// <summary>The rows of <paramref name="reader"/>.</summary>
    public static ImportFile<ClientRecordRequest> Read(TextReader reader) =>
        CsvImportReader.Read(reader, Columns, "client", f => new ClientRecordRequest(
            f.Text("name"), f.Text("type"), f.List("phones"), f.Text("manager"), f.Int("pricecolumn"), f.Decimal("creditlimit"), f.Text("status"),
            f.Flag("donotcall"), f.List("receivers"), f.Text("email"), f.Text("notes"), f.Text("externalid")));
}
