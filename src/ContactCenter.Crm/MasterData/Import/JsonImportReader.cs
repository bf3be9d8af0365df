using System.Text.Json;

namespace ContactCenter.Crm.MasterData.Import;

/// <summary>Reads an import file given as a JSON array of records (the API's field names); a null element is a problem of its row.</summary>
internal static class JsonImportReader
{
    /// <summary>The rows of <paramref name="json"/>; a file that is not a JSON array of records is one problem of the file.</summary>
    public static async Task<ImportFile<T>> ReadAsync<T>(Stream json, string what, CancellationToken cancellationToken)
        where T : class
    {
        List<T?>? items;
        try
        {
            items = await JsonSerializer.DeserializeAsync<List<T?>>(json, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException ex)
        {
            return new ImportFile<T>([], [new ImportProblem(0, "file", $"Not a JSON array of {what}s (line {ex.LineNumber + 1}): {ex.Message}")]);
        }

        var empty = JsonSerializer.Deserialize<T>("{}", JsonSerializerOptions.Web)!;
        var rows = (items ?? []).Select((item, i) => new ImportRow<T>(i + 1, item ?? empty,
            item is null ? [new ImportProblem(i + 1, what, $"Give a {what}, not null.")] : [])).ToList();
        return new ImportFile<T>(rows, []);
    }
}
