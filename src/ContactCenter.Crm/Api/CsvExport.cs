using ContactCenter.Crm.Csv;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Crm.Api;

/// <summary>CSV over HTTP: whether a request asks for it, and streamed downloads (the writing is <see cref="CsvText"/>).</summary>
internal static class CsvExport
{
    /// <summary>The CSV media type.</summary>
    public const string ContentType = CsvText.ContentType;

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
            await using var csv = CsvText.NewWriter(writer);
            csv.WriteHeader<T>();
            await csv.NextRecordAsync();
            await foreach (var row in rows)
            {
                csv.WriteRecord(row);
                await csv.NextRecordAsync();
            }
        }, ContentType, fileName);
}
