using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ContactCenter.Crm.MasterData;

/// <summary>
/// Reads a client file as accounting systems export it: UTF-8, <c>;</c> or <c>,</c> between fields (detected), a header
/// line naming the columns in any order and case (<c>externalId;name;type;phones;manager;priceColumn;creditLimit;status;
/// doNotCall;receivers;email;notes</c>), several phones or receivers separated by <c>|</c>, decimals with a point or a comma.
/// </summary>
internal static class ClientCsv
{
    private static readonly string[] Columns =
        ["externalid", "name", "type", "phones", "manager", "pricecolumn", "creditlimit", "status", "donotcall", "receivers", "email", "notes"];

    /// <summary>The rows of <paramref name="reader"/>, each with the values it could not read; the header's unknown columns as problems of line 1.</summary>
    public static List<ClientImportRow> Read(TextReader reader, out List<ImportProblem> headerProblems)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [";", ","],
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            BadDataFound = null,
        };
        using var csv = new CsvReader(reader, configuration);
        var rows = new List<ClientImportRow>();
        headerProblems = [];
        if (!csv.Read() || !csv.ReadHeader())
        {
            headerProblems.Add(new ImportProblem(1, "header", "The file is empty: give a header line and one line per client."));
            return rows;
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        headerProblems.AddRange(header.Where(h => !Columns.Contains(h))
            .Select(h => new ImportProblem(1, h, $"Unknown column: use {string.Join(", ", Columns)}.")));
        if (!header.Contains("externalid"))
        {
            headerProblems.Add(new ImportProblem(1, "externalId", "The file needs an externalId column: imports are keyed by it."));
        }

        while (csv.Read())
        {
            var problems = new List<ImportProblem>();
            var line = csv.Parser.RawRow;
            string? Text(string column) => header.Contains(column) && csv.GetField(column) is { Length: > 0 } value ? value.Trim() : null;
            rows.Add(new ClientImportRow(line, new ClientRecordRequest(
                Text("name"), Text("type"), List(Text("phones")), Text("manager"),
                Number<int>(Text("pricecolumn"), "priceColumn", line, problems, s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null),
                Number(Text("creditlimit"), "creditLimit", line, problems, Decimal),
                Text("status"),
                Number(Text("donotcall"), "doNotCall", line, problems, Flag),
                List(Text("receivers")), Text("email"), Text("notes"), Text("externalid")), problems));
        }

        return rows;
    }

    private static List<string>? List(string? text) =>
        text?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static T? Number<T>(string? text, string field, int line, List<ImportProblem> problems, Func<string, T?> parse)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }

        var value = parse(text);
        if (value is null)
        {
            problems.Add(new ImportProblem(line, field, $"'{text}' cannot be read as {(typeof(T) == typeof(bool) ? "yes/no" : "a number")}."));
        }

        return value;
    }

    private static decimal? Decimal(string text)
    {
        var normalized = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        normalized = normalized.Contains(',', StringComparison.Ordinal) && !normalized.Contains('.', StringComparison.Ordinal)
            ? normalized.Replace(',', '.')
            : normalized.Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    private static bool? Flag(string text) => text.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "y" => true,
        "0" or "false" or "no" or "n" => false,
        _ => null,
    };
}
