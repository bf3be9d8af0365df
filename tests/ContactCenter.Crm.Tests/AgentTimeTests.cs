using ContactCenter.Contracts.Agents;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Reports;
using ContactCenter.TestKit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class AgentTimeTests(CrmDatabaseFixture fixture)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// 1001 on 25 November: available 09:00, a call rings 09:10:00 and is answered 09:10:10, wrap-up 09:15:00, available
    /// 09:15:30, lunch break 09:30, available 10:00, logged out 10:30; 1002 logs in at 09:00 and takes a break ("training") at 09:45.
    /// </summary>
    private static readonly AgentStateChanged[] Shift =
    [
        Change("1001", 9, 0, 0, "available"), Change("1001", 9, 10, 0, "ringing"), Change("1001", 9, 10, 10, "on-call"),
        Change("1001", 9, 15, 0, "wrap-up"), Change("1001", 9, 15, 30, "available"), Change("1001", 9, 30, 0, "break", "lunch"),
        Change("1001", 10, 0, 0, "available"), Change("1001", 10, 30, 0, "logged-out"),
        Change("1002", 9, 0, 0, "available"), Change("1002", 9, 45, 0, "break", "training"), Change("1002", 10, 0, 0, "logged-out"),
    ];

    [Fact]
    public async Task History_EventsShuffledAndRedelivered_StoredOnceAndTimeByStateExact()
    {
        await using var demo = await DemoScenario.StartAsync(fixture, withHarness: true);
        var harness = demo.Provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        foreach (var change in Shift.Reverse().Concat(Shift.Where((_, i) => i % 2 == 0)))
        {
            await harness.Bus.Publish(change);
        }

        await CrmTestServices.EventuallyAsync(() => demo.Provider.InScopeAsync(db => db.AgentStateHistory.CountAsync()).ContinueWith(t => t.Result == Shift.Length));
        await CrmTestServices.EventuallyAsync(async () => await harness.Consumed.SelectAsync<AgentStateChanged>().Count() >= Shift.Length + 6);
        var report = Ok(await ReportAsync(demo, "admin", ["Admin"], "2026-11-25", "2026-11-25"));

        var anna = report.Rows.Single(r => r.Extension == "1001");
        Assert.Equal(("Anna Petrova", "call-center", 5400.0, 3270.0, 300.0, 30.0, 1800.0, 9.2),
            (anna.Name, anna.Department, anna.LoggedInSeconds, anna.AvailableSeconds, anna.OnCallsSeconds, anna.WrapUpSeconds, anna.BreakSeconds, anna.OccupancyPercent));
        Assert.Equal(new Dictionary<string, double> { ["lunch"] = 1800 }, anna.BreakByReason);
        var boris = report.Rows.Single(r => r.Extension == "1002");
        Assert.Equal((3600.0, 2700.0, 900.0, 0.0), (boris.LoggedInSeconds, boris.AvailableSeconds, boris.BreakSeconds, boris.OccupancyPercent));
        Assert.Equal(["1001", "1002"], report.Rows.Select(r => r.Extension));
    }

    [Fact]
    public async Task History_AReasonCutInsideAnEmojiOrWithALoneSurrogate_IsStoredWithTheOthersOfItsBatch()
    {
        await using var demo = await DemoScenario.StartAsync(fixture, withHarness: true);
        var harness = demo.Provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        AgentStateChanged[] changes =
        [
            new(Guid.NewGuid(), "1001", Day.AddHours(9), "break", new string('x', 199) + "\U0001F600 tail"), // the cut falls inside the emoji
            new(Guid.NewGuid(), "1001", Day.AddHours(10), "break", "bad \uD800 surrogate"),
            new(Guid.NewGuid(), "1002", Day.AddHours(9), "available", null),
        ];

        foreach (var change in changes)
        {
            await harness.Bus.Publish(change);
        }

        await CrmTestServices.EventuallyAsync(() => demo.Provider.InScopeAsync(db => db.AgentStateHistory.CountAsync()).ContinueWith(t => t.Result == changes.Length));
        var reasons = await demo.Provider.InScopeAsync(db => db.AgentStateHistory.Where(h => h.Reason != null).OrderBy(h => h.OccurredAt).Select(h => h.Reason!).ToListAsync());
        Assert.Equal([new string('x', 199), "bad \uFFFD surrogate"], reasons);
    }

    [Fact]
    public async Task Report_PeriodStartsMidState_TheStateInForceCountsFromTheStart()
    {
        await using var demo = await SeededAsync();

        var report = Ok(await ReportAsync(demo, "admin", ["Admin"], "2026-11-25T09:20:00Z", "2026-11-25T09:40:00Z"));

        var anna = report.Rows.Single(r => r.Extension == "1001");
        Assert.Equal((1200.0, 600.0, 600.0), (anna.LoggedInSeconds, anna.AvailableSeconds, anna.BreakSeconds));
        Assert.Equal((1200.0, 1200.0), (report.Rows.Single(r => r.Extension == "1002").LoggedInSeconds, report.Rows.Single(r => r.Extension == "1002").AvailableSeconds));
    }

    [Fact]
    public async Task Report_ManagerAndCsv_OwnRowOnlyAndOneLinePerAgent()
    {
        await using var demo = await SeededAsync();

        var manager = Ok(await ReportAsync(demo, "2001", ["Manager"], "2026-11-25", "2026-11-25"));
        var csv = Assert.IsType<ContentHttpResult>((await ReportAsync(demo, "3001", ["DepartmentHead"], "2026-11-25", "2026-11-25", "csv")).Result);

        Assert.Empty(manager.Rows);
        var lines = csv.ResponseContent!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("extension,name,department,logged_in_seconds,available_seconds,on_calls_seconds,wrap_up_seconds,break_seconds,occupancy_percent,breaks_by_reason", lines[0]);
        Assert.Equal("1001,Anna Petrova,call-center,5400,3270,300,30,1800,9.2,lunch=1800", lines[1]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Report_BadPeriod_BadRequestNamingTheField()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await ReportAsync(demo, "admin", ["Admin"], "2026-11-25", "someday");

        Assert.Equal(["to"], Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors.Keys);
    }

    private async Task<DemoScenario> SeededAsync()
    {
        var demo = await DemoScenario.StartAsync(fixture);
        await demo.Provider.InScopeAsync(db =>
        {
            db.AgentStateHistory.AddRange(Shift.Select(c => new Model.AgentStateHistoryEntry
            {
                EventId = c.EventId, AgentExtension = c.AgentExtension, OccurredAt = c.OccurredAt, State = c.State, Reason = c.Reason,
            }));
            return db.SaveChangesAsync();
        });
        return demo;
    }

    private static AgentStateChanged Change(string agent, int hour, int minute, int second, string state, string? reason = null) =>
        new(Guid.NewGuid(), agent, Day.AddHours(hour).AddMinutes(minute).AddSeconds(second), state, reason);

    private static Task<Results<Ok<AgentTimeReportDto>, ContentHttpResult, ValidationProblem>> ReportAsync(DemoScenario demo, string user, string[] roles,
        string from, string to, string? format = null) =>
        demo.InScopeAsync(services => ReportEndpoints.AgentTimeAsync(from, to, format, new DefaultHttpContext().Request,
            services.GetRequiredService<AgentTimeReader>(), services.GetRequiredService<IOptions<ReportOptions>>(), services.GetRequiredService<CrmDbContext>(),
            services.GetRequiredService<Audit>(), DemoScenario.User(user, roles), CancellationToken.None));

    private static AgentTimeReportDto Ok(Results<Ok<AgentTimeReportDto>, ContentHttpResult, ValidationProblem> result) =>
        Assert.IsType<Ok<AgentTimeReportDto>>(result.Result).Value!;
}
