using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace ContactCenter.Crm.Csv;

/// <summary>
/// Every CSV the CRM writes (CsvHelper: RFC 4180 quoting, invariant culture, ISO 8601 times). A cell a spreadsheet
/// would run as a formula (starting with = + - @ tab or CR) gets a leading apostrophe, except a plain phone number
/// such as +74951000001 - the caller controls the calling number, so "+1+cmd|..." is defused like any other formula.
/// </summary>
internal static partial class CsvText
{
    /// <summary>The CSV media type.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.None, // done by Defuse, which knows phone numbers
        NewLine = "\r\n",
    };

    /// <summary>A small CSV built in memory: <paramref name="header"/>, then one line per row of cells.</summary>
    public static string ToText(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = NewWriter(writer))
        {
            foreach (var row in rows.Prepend(header))
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Defuse(cell));
                }

                csv.NextRecord();
            }
        }

        return writer.ToString();
    }

    /// <summary><paramref name="text"/> made safe to open in a spreadsheet (see the class summary).</summary>
    public static string? Defuse(string? text) =>
        string.IsNullOrEmpty(text) || text[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') || PhoneLike().IsMatch(text)
            ? text
            : "'" + text;

    /// <summary>A CsvHelper writer with our configuration: ISO 8601 times, every string defused.</summary>
    public static CsvWriter NewWriter(TextWriter writer)
    {
        var csv = new CsvWriter(writer, Configuration);
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset>().Formats = ["O"];
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset?>().Formats = ["O"];
        csv.Context.TypeConverterCache.AddConverter<string>(new DefusingStringConverter());
        return csv;
    }

    [GeneratedRegex(@"^[+-]?[0-9][0-9 ()\-]*$")]
    private static partial Regex PhoneLike();

    private sealed class DefusingStringConverter : StringConverter
    {
        public override string? ConvertToString(object? value, IWriterRow row, MemberMapData memberMapData) =>
            Defuse(value as string);
    }
}
