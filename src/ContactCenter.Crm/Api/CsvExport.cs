using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Crm.Api;

/// <summary>CSV downloads for the API (CsvHelper): a header from the row type, ISO 8601 times, rows streamed as read.</summary>
public static class CsvExport
{
    /// <summary>The CSV media type.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        // Cells a spreadsheet would run as a formula are quoted; '+' is left alone because E.164 numbers start with it.
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '-', '@', '\t', '\r'],
    };

    /// <summary>True when the request asks for CSV (<c>?format=csv</c> or <c>Accept: text/csv</c>).</summary>
    public static bool Wanted(HttpRequest request, string? format)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || (format is null && request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true));
    }

    /// <summary>A download of <paramref name="rows"/> named <paramref name="fileName"/>.</summary>
    public static PushStreamHttpResult Stream<T>(IAsyncEnumerable<T> rows, string fileName) =>
        TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, leaveOpen: true);
            await using var csv = new CsvWriter(writer, Configuration);
            csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset>().Formats = ["O"];
            csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset?>().Formats = ["O"];
            csv.WriteHeader<T>();
            await csv.NextRecordAsync();
            await foreach (var row in rows)
            {
                csv.WriteRecord(row);
                await csv.NextRecordAsync();
            }
        }, ContentType, fileName);
}
