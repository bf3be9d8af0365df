using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.RegularExpressions;
using ContactCenter.Crm;
using ContactCenter.Crm.Demo;
using ContactCenter.Crm.Persistence;
using ContactCenter.TestKit;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Benchmarks.CallLog;

/// <summary>
/// Call-log load: answered calls' events published on the in-memory bus at a fixed rate into the CRM's real consumer and
/// a real PostgreSQL 15, for a set time; reports the rate kept, how long a call's end takes to reach the log (p50/p99),
/// batch sizes, CPU, and pgbench on the same server in the same run as the reference.
/// </summary>
internal static partial class CallLogLoad
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = CallLogLoadOptions.Parse(args);
        Console.WriteLine($"call log load: {options.Rate} events/s for {options.Seconds} s, max batch {options.MaxBatch}, "
            + (options.Durable ? "PostgreSQL with fsync (its defaults)" : "PostgreSQL without fsync")
            + (options.Triggers ? ", triggers on calls on (as in the product)" : ", triggers on calls DISABLED (--no-triggers)"));
        await using var server = await PostgresServer.StartAsync(options.Durable);
        await server.CreateDatabaseAsync("calllog");
        using var host = BuildHost(server.ConnectionString("calllog"), options);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Database.MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
            if (!options.Triggers)
            {
                // The bench's own database only: the per-day sums' statement triggers (CallDaySummaries) stop firing.
                await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Database.ExecuteSqlRawAsync("ALTER TABLE calls DISABLE TRIGGER USER");
            }
        }

        using var recorder = new CallLogRecorder(host.Services.GetRequiredService<IMeterFactory>());
        await host.StartAsync();
        var machine = CpuSample.Take();
        var published = await PublishAsync(host.Services.GetRequiredService<IBus>(), options, recorder);
        var drained = await WaitForDrainAsync(recorder, published, TimeSpan.FromSeconds(60));
        var cpu = CpuSample.Take() - machine;
        var logged = await CountLoggedCallsAsync(host.Services);
        await host.StopAsync();

        var tps = options.PgbenchSeconds > 0 ? await PgbenchAsync(server, options.PgbenchSeconds) : double.NaN;
        recorder.Report(options, published, drained, logged, cpu, tps);
        return drained && logged == published / CallScript.EventsPerCall ? 0 : 1;
    }

    private static IHost BuildHost(string connectionString, CallLogLoadOptions options)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("CALLLOG_SQL_LOG") == "1" ? LogLevel.Information : LogLevel.None); // the first migration check fails by design
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crm"] = connectionString,
            ["CallLog:MaxBatch"] = options.MaxBatch.ToString(CultureInfo.InvariantCulture),
        });
        builder.Services.AddCrm(builder.Configuration);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddCrmConsumers();
            ContactCenter.Crm.Messaging.BusTransport.Use(bus, broker: null); // as the host on one machine
        });
        return builder.Build();
    }

    /// <summary>Starts calls at rate/7 per second; each call's seven events go out at their offsets. Returns the events published.</summary>
    private static async Task<long> PublishAsync(IBus bus, CallLogLoadOptions options, CallLogRecorder recorder)
    {
        var callsPerSecond = options.Rate / (double)CallScript.EventsPerCall;
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var due = new PriorityQueue<(Guid CallId, int Number, int Step), TimeSpan>();
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(5);
        long started = 0, published = 0;
        var sends = new List<Task>();
        while (true)
        {
            var elapsed = clock.Elapsed;
            if (elapsed >= TimeSpan.FromSeconds(options.WarmupSeconds))
            {
                recorder.BeginSteadyState();
            }

            for (var target = elapsed < duration ? (long)(elapsed.TotalSeconds * callsPerSecond) : started; started < target; started++)
            {
                var start = TimeSpan.FromSeconds(started / callsPerSecond);
                var callId = Guid.NewGuid();
                for (var step = 0; step < CallScript.EventsPerCall; step++)
                {
                    due.Enqueue((callId, (int)started, step), start + CallScript.Offset(step));
                }
            }

            if (elapsed >= duration && due.Count == 0)
            {
                return published;
            }

            sends.Clear();
            while (due.TryPeek(out var item, out var at) && at <= elapsed)
            {
                due.Dequeue();
                sends.Add(bus.Publish(CallScript.Create(item.Step, item.CallId, item.Number, DateTimeOffset.UtcNow)));
                published++;
            }

            await Task.WhenAll(sends);
            if (elapsed >= nextReport)
            {
                Console.WriteLine($"  {elapsed.TotalSeconds,4:F0} s: published {published:N0}, logged {recorder.Applied:N0}, backlog {published - recorder.Applied:N0}");
                nextReport += TimeSpan.FromSeconds(5);
            }

            await Task.Delay(2);
        }
    }

    private static async Task<bool> WaitForDrainAsync(CallLogRecorder recorder, long published, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (recorder.Applied < published)
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private static async Task<long> CountLoggedCallsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Calls
            .LongCountAsync(c => c.Outcome == "answered" && c.EndedAt != null && c.RecordingPath != null);
    }

    /// <summary>pgbench's simple-update transactions (-N, 8 clients) on the same server: what it does per second in plain transactions.</summary>
    private static async Task<double> PgbenchAsync(PostgresServer server, int seconds)
    {
        await server.RunToolAsync("pgbench", ["-i", "-s", "10", "-q", "calllog"], TimeSpan.FromMinutes(5));
        var output = await server.RunToolAsync("pgbench",
            ["-c", "8", "-j", "2", "-N", "-T", seconds.ToString(CultureInfo.InvariantCulture), "calllog"], TimeSpan.FromSeconds(seconds + 120));
        var match = TpsPattern().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex TpsPattern();
}
