using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContactCenter.Crm;
using ContactCenter.Crm.Demo;
using ContactCenter.Crm.MasterData;
using ContactCenter.Crm.MasterData.Import;
using ContactCenter.Crm.Persistence;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Benchmarks.Import;

/// <summary>
/// Issue #18's import figure: N clients (every other one with a second number: 1.5 N numbers) and 2 N receivables as
/// CSV files, read, checked and applied by the real <see cref="ClientImport"/> and <see cref="ReceivableImport"/> into a
/// throw-away PostgreSQL 15 with fsync (its defaults), then the same files again (nothing to change). The reference peer in
/// the same run: <c>psql \copy</c> of the same files into plain text tables on the same server (no checks, no keys).
/// Prints seconds, rows/s and peak resident memory of each phase.
/// </summary>
internal static class ImportLoad
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var clients = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
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

        var folder = Directory.CreateTempSubdirectory("cc-import-");
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101); // psql runs as postgres and reads the files
            }

            var clientFile = Path.Combine(folder.FullName, "clients.csv");
            var receivableFile = Path.Combine(folder.FullName, "receivables.csv");
            await File.WriteAllTextAsync(clientFile, ClientsCsv(clients));
            await File.WriteAllTextAsync(receivableFile, ReceivablesCsv(clients));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clients:N0} clients ({new FileInfo(clientFile).Length / 1048576.0:N1} MiB), {clients * 3 / 2:N0} numbers, {clients * 2:N0} receivables ({new FileInfo(receivableFile).Length / 1048576.0:N1} MiB)"));
            Console.WriteLine("| phase | rows | s | rows/s | created | updated | unchanged | problems | peak RSS MiB |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            var ok = true;
            foreach (var pass in new[] { "first", "again" })
            {
                ok &= await ImportAsync<ClientRecordRequest, ClientImport>(provider, $"clients, {pass}", clientFile, ClientCsv.Read, pass == "first" ? clients : 0);
                ok &= await ImportAsync<ReceivableImportRequest, ReceivableImport>(provider, $"receivables, {pass}", receivableFile, ReceivableCsv.Read,
                    pass == "first" ? clients * 2 : 0);
            }

            await server.RunToolAsync("psql", ["-d", "import", "-c",
                "CREATE TABLE ref_clients (external_id text, name text, type text, phones text, manager text, price_column text, credit_limit text, status text, do_not_call text); "
                + "CREATE TABLE ref_receivables (external_id text, client text, document_number text, outstanding text, due_date text, paid text)"],
                TimeSpan.FromSeconds(30));
            await PeerAsync(server, "clients", clientFile, "ref_clients", clients);
            await PeerAsync(server, "receivables", receivableFile, "ref_receivables", clients * 2);
            return ok ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<bool> ImportAsync<T, TImporter>(ServiceProvider provider, string phase, string path, Func<TextReader, ImportFile<T>> read,
        int expectCreated)
        where TImporter : IImporter<T>
    {
        GC.Collect();
        ResetPeak();
        await using var scope = provider.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        ImportFile<T> file;
        using (var reader = new StreamReader(path, Encoding.UTF8))
        {
            file = read(reader);
        }

        var report = await scope.ServiceProvider.GetRequiredService<TImporter>().RunAsync(file, true, "bench", ImportProgress.None, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {phase} | {report.Rows} | {seconds:F2} | {report.Rows / seconds:F0} | {report.Created} | {report.Updated} | {report.Unchanged} | {report.Problems.Count} | {PeakMiB()} |"));
        foreach (var problem in report.Problems.Take(3))
        {
            Console.WriteLine($"  line {problem.Line} {problem.Field}: {problem.Reason}");
        }

        return report.Problems.Count == 0 && report.Created == expectCreated && report.Updated == 0;
    }

    private static async Task PeerAsync(PostgresServer server, string what, string path, string table, int rows)
    {
        var psql = Path.Combine(PostgresServer.BinDirectory, "psql");
        var timing = Path.Combine(Path.GetTempPath(), $"cc-import-time-{Environment.ProcessId}");
        string[] command = [psql, "-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "import", "-c",
            $"\\copy {table} FROM '{path}' WITH (FORMAT csv, HEADER true, DELIMITER ';')"];
        string[] asUser = Environment.UserName == "root" ? ["runuser", "-u", "postgres", "--", .. command] : command;
        var clock = Stopwatch.StartNew();
        await ProcessRunner.RunAsync("/usr/bin/time", ["-o", timing, "-f", "%M", .. asUser], TimeSpan.FromMinutes(10));
        var seconds = clock.Elapsed.TotalSeconds;
        var peakKiB = long.Parse((await File.ReadAllTextAsync(timing)).Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
        File.Delete(timing);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| psql \\copy {what} (reference) | {rows} | {seconds:F2} | {rows / seconds:F0} | {rows} | | | | {peakKiB / 1024} (psql) |"));
    }

    // Linux: writing 5 to clear_refs resets the process's peak resident set (VmHWM), so each phase reports its own peak.
    private static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // not Linux or not allowed: the peak is then the process's since start
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long PeakMiB()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null
            ? Process.GetCurrentProcess().PeakWorkingSet64 / 1048576
            : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }

    private static string ClientsCsv(int rows)
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

    private static string ReceivablesCsv(int clients)
    {
        var text = new StringBuilder("externalId;client;documentNumber;outstanding;dueDate;paid\n");
        for (var i = 0; i < clients * 2; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"INV-{i:D8};ACC-{i / 2:D7};{i:D8};{(i % 50) * 1000 + 0.5m:F2};2027-{1 + (i % 12):D2}-{1 + (i % 28):D2};{(i % 7 == 0 ? "yes" : "no")}\n");
        }

        return text.ToString();
    }
}
