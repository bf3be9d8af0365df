using System.Diagnostics;
using System.Globalization;
using ContactCenter.Crm;
using ContactCenter.Crm.Demo;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Reports;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Benchmarks.Reports;

/// <summary>
/// Issue #19's report figure: CALLS inbound calls over a year (5 call events each, in <c>call_events</c>) generated in a
/// throw-away PostgreSQL 15 with fsync (its defaults), then each interval report (per agent, queue, department x 15 min
/// over a day, hour over a week, day over a month, week over a year) and the agents report (a month) read RUNS times by
/// the real readers, as the API does. Prints p50/p95 per report and, as the reference in the same run, the same server's
/// plain <c>count(*)</c> of the period's calls.
/// </summary>
internal static class ReportsLoad
{
    private static readonly DateTimeOffset YearStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var calls = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var runs = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        await using var server = await PostgresServer.StartAsync(durable: true);
        await server.CreateDatabaseAsync("reports");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crm"] = server.ConnectionString("reports") + ";Command Timeout=600",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddMetrics();
        services.AddCrmStore(configuration).AddCrmCallLog(configuration).AddCrmDesks(configuration);
        await using var provider = services.BuildServiceProvider();
        var generate = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            await db.Database.MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
            await GenerateAsync(db, calls);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reports: {calls:N0} calls and {calls * 5L:N0} call events over 2026 generated in {generate.Elapsed.TotalSeconds:F0} s; {runs} runs each"));
        Console.WriteLine("| report | period | p50 ms | p95 ms | rows | reference count(*) p50 ms | p95 / reference |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        var worst = 0.0;
        (string Interval, int Days)[] spans = [("15min", 1), ("hour", 7), ("day", 31), ("week", 365)];
        foreach (var by in new[] { IntervalGrouping.Agent, IntervalGrouping.Queue, IntervalGrouping.Department })
        {
            foreach (var (interval, days) in spans)
            {
                var period = new ReportPeriod(YearStart.AddDays(180), YearStart.AddDays(180 + days));
                var rows = 0;
                var times = await TimeAsync(provider, runs, async sp => rows = (await sp.GetRequiredService<IntervalReportReader>()
                    .ReadAsync(period, by, interval, null, CancellationToken.None)).Rows.Count);
                worst = Math.Max(worst, Print($"intervals by {by.Name}, {interval}", days, times, rows, await ReferenceAsync(provider, runs, period)));
            }
        }

        var month = new ReportPeriod(YearStart.AddDays(180), YearStart.AddDays(211));
        var agentRows = 0;
        var agents = await TimeAsync(provider, runs, async sp => agentRows = (await sp.GetRequiredService<ReportReader>().AgentsAsync(month, null, CancellationToken.None)).Rows.Count);
        worst = Math.Max(worst, Print("agents", 31, agents, agentRows, await ReferenceAsync(provider, runs, month)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst p95: {worst:F0} ms (target < 1000 ms)"));
        return 0;
    }

    private static double Print(string report, int days, List<double> times, int rows, List<double> reference)
    {
        var p95 = Percentile(times, 0.95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {report} | {days} d | {Percentile(times, 0.5):F0} | {p95:F0} | {rows} | {Percentile(reference, 0.5):F1} | {p95 / Math.Max(0.1, Percentile(reference, 0.5)):F1} |"));
        return p95;
    }

    private static async Task<List<double>> ReferenceAsync(ServiceProvider provider, int runs, ReportPeriod period) =>
        await TimeAsync(provider, runs, async sp => await sp.GetRequiredService<CrmDbContext>().Calls
            .CountAsync(c => c.ReceivedAt >= period.From && c.ReceivedAt < period.To));

    private static async Task<List<double>> TimeAsync(ServiceProvider provider, int runs, Func<IServiceProvider, Task> read)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs + 1; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            await read(scope.ServiceProvider);
            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds); // the first run warms the caches and is left out
            }
        }

        return times;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>
    /// Calls spread evenly over 2026 (every ~31 s), in queues operators (80 %) and key; 85 % answered by the demo's
    /// operators and managers after 2-60 s, talking 30-330 s; the rest abandoned. Five events per call.
    /// </summary>
    private static async Task GenerateAsync(CrmDbContext db, int calls)
    {
        var step = 365.0 * 86_400 / calls;
        var last = calls - 1;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO calls (id, direction, caller_number, caller_e164, dialed_number, queue_name, received_at, answered_at, ended_at,
                               answered_by, ended_by, end_reason, outcome, transfer_count, last_sequence)
            SELECT md5('call' || i)::uuid, 'Inbound', '8495' || lpad((i % 1000000)::text, 7, '0'), '+7495' || lpad((i % 1000000)::text, 7, '0'), '7000',
                   CASE WHEN i % 5 = 0 THEN 'key' ELSE 'operators' END, r,
                   CASE WHEN i % 20 < 17 THEN r + make_interval(secs => 2 + i % 59) END,
                   r + make_interval(secs => CASE WHEN i % 20 < 17 THEN 2 + i % 59 + 30 + i % 301 ELSE 40 END),
                   CASE WHEN i % 20 < 17 THEN (ARRAY['1001','1002','1003','2001','2002','2101'])[1 + i % 6] END,
                   'Caller', 'caller hung up', CASE WHEN i % 20 < 17 THEN 'answered' ELSE 'abandoned' END, 0, 5
            FROM generate_series(0, {last}) AS i,
                 LATERAL (SELECT timestamptz '2026-01-01 00:00:00+00' + make_interval(secs => i * {step}) AS r) t
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO call_events (event_id, call_id, sequence, occurred_at, type, data)
            SELECT md5('event' || c.id || s)::uuid, c.id, s, c.received_at, (ARRAY['CallReceived','CallClassified','CallQueued','CallAnswered','CallEnded'])[s],
                   jsonb_build_object()
            FROM calls c, generate_series(1, 5) AS s
            """);
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}
