using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Crm.Api;

/// <summary>
/// Every CSV the API writes (CsvHelper: RFC 4180 quoting, invariant culture, ISO 8601 times). A cell a spreadsheet
/// would run as a formula (starting with = + - @ tab or CR) gets a leading apostrophe, except a plain phone number
/// such as +74951000001 - the caller controls the calling number, so "+1+cmd|..." is defused like any other formula.
/// </summary>
internal static partial class CsvExport
{
    /// <summary>The CSV media type.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.None, // done by Defuse, which knows phone numbers
        NewLine = "\r\n",
    };

    /// <summary>
    /// True when the request asks for CSV (<c>?format=csv</c> or <c>Accept: text/csv</c>); a <paramref name="format"/>
    /// other than csv or json adds an error to <paramref name="errors"/>.
    /// </summary>
    public static bool Wanted(HttpRequest request, string? format, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (format is not null && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            errors["format"] = ["Give csv or json."];
        }

        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || (format is null && request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true));
    }

    /// <summary>A download of <paramref name="rows"/> (a header from <typeparamref name="T"/>'s properties), written as they are read.</summary>
    public static PushStreamHttpResult Stream<T>(IAsyncEnumerable<T> rows, string fileName) =>
        TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, leaveOpen: true);
            await using var csv = NewWriter(writer);
            csv.WriteHeader<T>();
            await csv.NextRecordAsync();
            await foreach (var row in rows)
            {
                csv.WriteRecord(row);
                await csv.NextRecordAsync();
            }
        }, ContentType, fileName);

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

    private static CsvWriter NewWriter(TextWriter writer)
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
