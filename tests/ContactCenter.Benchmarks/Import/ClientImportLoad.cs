using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContactCenter.Crm;
using ContactCenter.Crm.Demo;
using ContactCenter.Crm.MasterData;
using ContactCenter.Crm.Persistence;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Benchmarks.Import;

/// <summary>
/// Issue #18's import figure: a client file of N rows (every other client with a second number) read, checked and
/// applied by the real <see cref="ClientImport"/> into a throw-away PostgreSQL 15 with fsync (its defaults), then the
/// same file again (nothing to change). Prints rows/s of each phase and the process's peak working set.
/// </summary>
internal static class ClientImportLoad
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var rows = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        await using var server = await PostgresServer.StartAsync(durable: true);
        await server.CreateDatabaseAsync("import");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crm"] = server.ConnectionString("import"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddMetrics();
        services.AddCrmStore(configuration).AddCrmCallLog(configuration).AddCrmDesks(configuration);
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Database.MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
        }

        var csv = File(rows);
        Console.WriteLine($"client import: {rows:N0} rows, {rows + rows / 2:N0} numbers, {Encoding.UTF8.GetByteCount(csv) / 1024 / 1024.0:N1} MiB of CSV");
        var first = await TimedAsync(provider, csv);
        var again = await TimedAsync(provider, csv);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024;
        Console.WriteLine("| rows | first import s | rows/s | created | re-import s | rows/s | changed | peak working set MiB |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {rows} | {first.Seconds:F1} | {rows / first.Seconds:F0} | {first.Report.Created} | {again.Seconds:F1} | {rows / again.Seconds:F0} | "
            + $"{again.Report.Created + again.Report.Updated} | {peak} |"));
        return first.Report.Created == rows && again.Report.Unchanged == rows && first.Report.Problems.Count == 0 ? 0 : 1;
    }

    private static async Task<(double Seconds, ImportReport Report)> TimedAsync(ServiceProvider provider, string csv)
    {
        await using var scope = provider.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        var rows = ClientCsv.Read(new StringReader(csv), out var headerProblems);
        var report = await scope.ServiceProvider.GetRequiredService<ClientImport>().RunAsync(rows, headerProblems, applyGoodRows: true, "bench", CancellationToken.None);
        return (clock.Elapsed.TotalSeconds, report);
    }

    private static string File(int rows)
    {
        var text = new StringBuilder("externalId;name;type;phones;manager;priceColumn;creditLimit;status;doNotCall\n");
        string[] types = ["key", "retail", "regional", "own-outlet", "indicator"];
        for (var i = 0; i < rows; i++)
        {
            var phones = i % 2 == 0 ? $"+7 916 {i:D7}|+7 926 {i:D7}" : $"+7 916 {i:D7}";
            text.Append(CultureInfo.InvariantCulture,
                $"ACC-{i:D7};Client {i:D7} Ltd;{types[i % types.Length]};{phones};{(i % 3 == 0 ? "2101" : "")};{1 + (i % 3)};{(i % 10) * 10_000},00;active;no\n");
        }

        return text.ToString();
    }
}
