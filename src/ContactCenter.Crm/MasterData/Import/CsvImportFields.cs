using System.Globalization;
using CsvHelper;

namespace ContactCenter.Crm.MasterData.Import;

/// <summary>
/// The fields of the CSV line being read, by column: text trimmed (empty = not given), numbers with a point or a comma,
/// yes/no flags, dates as yyyy-MM-dd or dd.MM.yyyy, lists separated by <c>|</c>. A value that cannot be read is a problem
/// of the line under the field's name.
/// </summary>
internal sealed class CsvImportFields(CsvReader csv, IReadOnlyList<string> header)
{
    private static readonly Dictionary<string, string> CamelNames = new(StringComparer.Ordinal)
    {
        ["externalid"] = "externalId", ["pricecolumn"] = "priceColumn", ["creditlimit"] = "creditLimit", ["donotcall"] = "doNotCall",
        ["documentnumber"] = "documentNumber", ["duedate"] = "dueDate", ["isnew"] = "isNew", ["isactive"] = "isActive",
        ["traditionalfor"] = "traditionalFor", ["pricelist"] = "priceList", ["validfrom"] = "validFrom",
    };

    private List<ImportProblem> _problems = [];

    /// <summary>The line being read.</summary>
    public int Line { get; private set; }

    /// <summary>What could not be read on this line.</summary>
    public IReadOnlyList<ImportProblem> Problems => _problems;

    /// <summary>The JSON spelling of a lower-case column.</summary>
    public static string Camel(string column) => CamelNames.GetValueOrDefault(column, column);

    /// <summary>Moves to the next line.</summary>
    public void NextLine(int line)
    {
        Line = line;
        _problems = [];
    }

    /// <summary>The column's text, trimmed; null when the column is absent or empty.</summary>
    public string? Text(string column) =>
        header.Contains(column) && csv.GetField(column) is { Length: > 0 } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>A list separated by <c>|</c>.</summary>
    public List<string>? List(string column) =>
        Text(column)?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>A whole number 0 or more.</summary>
    public int? Int(string column) =>
        Parse<int>(column, "a whole number", s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null);

    /// <summary>An amount: spaces as thousands separators, a decimal point or comma.</summary>
    public decimal? Decimal(string column) => Parse<decimal>(column, "a number", s =>
    {
        var normalized = s.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        normalized = normalized.Contains(',', StringComparison.Ordinal) && !normalized.Contains('.', StringComparison.Ordinal)
            ? normalized.Replace(',', '.')
            : normalized.Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : (decimal?)null;
    });

    /// <summary>yes/no, true/false, 1/0, y/n.</summary>
    public bool? Flag(string column) => Parse<bool>(column, "yes/no", s => s.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "y" => true,
        "0" or "false" or "no" or "n" => false,
        _ => null,
    });

    /// <summary>A date as yyyy-MM-dd or dd.MM.yyyy.</summary>
    public DateOnly? Date(string column) => Parse<DateOnly>(column, "a date (yyyy-MM-dd or dd.MM.yyyy)",
        s => DateOnly.TryParseExact(s, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null);

    private T? Parse<T>(string column, string expected, Func<string, T?> parse)
        where T : struct
    {
        if (Text(column) is not { } text)
        {
            return null;
        }

        var value = parse(text);
        if (value is null)
        {
            _problems.Add(new ImportProblem(Line, Camel(column), $"'{text}' cannot be read as {expected}."));
        }

        return value;
    }
}
