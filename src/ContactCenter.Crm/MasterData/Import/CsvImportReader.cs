using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ContactCenter.Crm.MasterData.Import;

/// <summary>
/// Reads an import file as accounting systems export it: UTF-8, <c>;</c> or <c>,</c> between fields (detected), a header
/// line naming the columns in any order and case. Each data line becomes a row through the kind's own mapping; what a
/// line cannot give is collected as that row's problems, an unknown or missing key column as problems of line 1.
/// </summary>
internal static class CsvImportReader
{
    /// <summary>Reads <paramref name="reader"/>: <paramref name="columns"/> are the known columns (lower case), the first of them the key.</summary>
    public static ImportFile<T> Read<T>(TextReader reader, IReadOnlyList<string> columns, string what, Func<CsvImportFields, T> map)
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
        var rows = new List<ImportRow<T>>();
        var fileProblems = new List<ImportProblem>();
        if (!csv.Read() || !csv.ReadHeader())
        {
            fileProblems.Add(new ImportProblem(1, "header", $"The file is empty: give a header line and one line per {what}."));
            return new ImportFile<T>(rows, fileProblems);
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        fileProblems.AddRange(header.Where(h => !columns.Contains(h))
            .Select(h => new ImportProblem(1, h, $"Unknown column: use {string.Join(", ", columns)}.")));
        if (!header.Contains(columns[0]))
        {
            fileProblems.Add(new ImportProblem(1, Camel(columns[0]), $"The file needs a {Camel(columns[0])} column: imports are keyed by it."));
        }

        var fields = new CsvImportFields(csv, header);
        while (csv.Read())
        {
            fields.NextLine(csv.Parser.RawRow);
            var value = map(fields);
            rows.Add(new ImportRow<T>(fields.Line, value, fields.Problems));
        }

        return new ImportFile<T>(rows, fileProblems);
    }

    /// <summary>The JSON spelling of a column known in lower case (<c>externalid</c> -> <c>externalId</c>).</summary>
    internal static string Camel(string column) => CsvImportFields.Camel(column);
}
