using System.Globalization;
using System.Text;
using System.Text.Json;
using ContactCenter.Crm.MasterData.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.MasterData.Import;

/// <summary>
/// The scheduled import from a folder (<see cref="FolderImportOptions"/>): each export the accounting system dropped is
/// imported with the same checks as the console's (good rows applied, bad ones reported), then moved to
/// <c>processed/</c> beside its report (<c>NAME.TIMESTAMP.report.json</c>), so that it is read once.
/// </summary>
internal sealed partial class FolderImportSchedule(IServiceScopeFactory scopes, IOptions<FolderImportOptions> options, TimeProvider time,
    ILogger<FolderImportSchedule> logger) : BackgroundService
{
    private static readonly string[] Kinds = ["clients", "receivables", "products", "prices"];

    /// <summary>Imports the settled files once; returns how many were imported.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Folder) || !Directory.Exists(settings.Folder))
        {
            return 0;
        }

        var processed = Directory.CreateDirectory(Path.Combine(settings.Folder, "processed")).FullName;
        var settled = (time.GetUtcNow() - settings.SettleTime).UtcDateTime;
        var files = Directory.EnumerateFiles(settings.Folder).Select(f => new FileInfo(f))
            .Select(f => (File: f, Kind: Array.FindIndex(Kinds, k => f.Name.StartsWith(k, StringComparison.OrdinalIgnoreCase))))
            .Where(f => f.Kind >= 0 && f.File.Extension.ToLowerInvariant() is ".csv" or ".json" && f.File.LastWriteTimeUtc <= settled)
            .OrderBy(f => f.Kind).ThenBy(f => f.File.Name, StringComparer.Ordinal).ToList();
        foreach (var (file, kind) in files)
        {
            var report = await ImportAsync(Kinds[kind], file, cancellationToken);
            var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            await File.WriteAllTextAsync(Path.Combine(processed, $"{file.Name}.{stamp}.report.json"),
                JsonSerializer.Serialize(report, JsonSerializerOptions.Web), cancellationToken);
            file.MoveTo(Path.Combine(processed, $"{Path.GetFileNameWithoutExtension(file.Name)}.{stamp}{file.Extension}"), overwrite: true);
            LogImported(logger, file.Name, Kinds[kind], report.Rows, report.Created, report.Updated, report.Problems.Count);
        }

        return files.Count;
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        string.IsNullOrWhiteSpace(options.Value.Folder)
            ? Task.CompletedTask
            : ScheduledRounds.RunAsync(options.Value.Interval, time, RunOnceAsync, ex => LogFailed(logger, ex), stoppingToken);

    private async Task<ImportReport> ImportAsync(string kind, FileInfo file, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return kind switch
        {
            "clients" => await RunAsync(file, "client", ClientCsv.Read, services.GetRequiredService<ClientImport>(), cancellationToken),
            "receivables" => await RunAsync(file, "receivable", ReceivableCsv.Read, services.GetRequiredService<ReceivableImport>(), cancellationToken),
            "products" => await RunAsync(file, "product", ProductCsv.Read, services.GetRequiredService<ProductImport>(), cancellationToken),
            _ => await RunAsync(file, "price", PriceCsv.Read, services.GetRequiredService<PriceImport>(), cancellationToken),
        };
    }

    private async Task<ImportReport> RunAsync<T>(FileInfo file, string what, Func<TextReader, ImportFile<T>> readCsv, IImporter<T> importer,
        CancellationToken cancellationToken)
        where T : class
    {
        ImportFile<T> parsed;
        if (file.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            await using var stream = file.OpenRead();
            parsed = await JsonImportReader.ReadAsync<T>(stream, what, cancellationToken);
        }
        else
        {
            using var reader = new StreamReader(file.FullName, Encoding.UTF8);
            parsed = readCsv(reader);
        }

        return await importer.RunAsync(parsed, applyGoodRows: true, options.Value.UserName, ImportProgress.None, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Folder import of {File} ({Kind}): {Rows} rows, {Created} created, {Updated} updated, {Problems} problems")]
    private static partial void LogImported(ILogger logger, string file, string kind, int rows, int created, int updated, int problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "Folder import round failed; the next round tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
