using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Reports;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class IntervalReportTests(CrmDatabaseFixture fixture)
{
    // The test services' clock says 2026-11-26 09:00 UTC: "today" for the wallboard.
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ByQueuePerHour_ScriptedCalls_ExactFiguresWithEachQueuesOwnThreshold()
    {
        await using var demo = await SeededAsync();

        var report = Ok(await IntervalsAsync(demo, SignedIn.Admin, "queue", "hour", "2026-11-26", "2026-11-26"));

        var operators = report.Rows.Single(r => r.Key == "operators");
        Assert.Equal((T0, 3L, 2L, 1L, 1L, 33.3, 17.5, 150.0, 60.0), (operators.Start!.Value, operators.Offered, operators.Answered, operators.Abandoned,
            operators.AnsweredInTime, operators.ServiceLevelPercent, operators.AverageSpeedOfAnswerSeconds, operators.AverageHandleTimeSeconds, operators.LongestWaitSeconds));
        var key = report.Rows.Single(r => r.Key == "key");
        Assert.Equal((T0.AddHours(1), 1L, 1L, 0L, 0.0), (key.Start!.Value, key.Offered, key.Answered, key.AnsweredInTime, key.ServiceLevelPercent)); // 12 s > key's 10 s
        Assert.Equal((4L, 3L, 1L, 1L, 25.0), (report.Total.Offered, report.Total.Answered, report.Total.Abandoned, report.Total.AnsweredInTime, report.Total.ServiceLevelPercent));
        Assert.Equal(2, report.Rows.Count);
    }

    [Fact]
    public async Task ByAgentPerDay_CallsOrdersComplaintsAndTasks_OnTheAgentsRow()
    {
        await using var demo = await SeededAsync();

        var report = Ok(await IntervalsAsync(demo, SignedIn.Head, "agent", "day", "2026-11-26", "2026-11-26"));

        var anna = report.Rows.Single(r => r.Key == "1001");
        Assert.Equal(("Anna Petrova", 2L, 2L, 1L, 2L, 4L, 1_500.50m, 2.0, 3L, 1L, 2L, 1L), (anna.Name, anna.Offered, anna.Answered, anna.AnsweredInTime,
            anna.Orders, anna.Lines, anna.Volume, anna.ItemsPerOrder, anna.UpsellOffered, anna.UpsellAccepted, anna.Complaints, anna.TasksDone));
        Assert.Equal(new Dictionary<string, long> { ["Reached"] = 1 }, anna.TaskResults);
        Assert.Equal((2L, 1L), (anna.PromotionsOffered, anna.PromotionsAccepted)); // the first order: two promotions put, one taken
        Assert.Equal((1L, 1L), (report.Rows.Single(r => r.Key == "1002").Answered, report.Rows.Single(r => r.Key == "").Abandoned));
    }

    [Fact]
    public async Task ServiceLevel_AgentsReportAndIntervalReport_OneDefinitionSameFigures()
    {
        await using var demo = await SeededAsync();

        var intervals = Ok(await IntervalsAsync(demo, SignedIn.Admin, "agent", "week", "2026-11-26", "2026-11-26"));
        var agents = Assert.IsType<Ok<ReportDto>>((await demo.InScopeAsync(services => ReportEndpoints.AgentsAsync("2026-11-26", "2026-11-26", null,
            new DefaultHttpContext().Request, services.GetRequiredService<ReportReader>(), services.GetRequiredService<IOptions<ReportOptions>>(),
            services.GetRequiredService<CrmDbContext>(), services.GetRequiredService<Audit>(), SignedIn.Admin, CancellationToken.None))).Result).Value!;

        foreach (var extension in new[] { "1001", "1002" })
        {
            Assert.Equal(agents.Rows.Single(r => r.Extension == extension).AnsweredWithinThreshold, intervals.Rows.Single(r => r.Key == extension).AnsweredInTime);
        }

        Assert.Equal(agents.Total.ServiceLevelPercent, intervals.Total.ServiceLevelPercent);
    }

    [Fact]
    public async Task ClosedDays_ReadFromDaySums_SameFiguresAsFromTheCalls_AndALateChangeIsCounted()
    {
        await using var demo = await SeededAsync();
        var day23 = T0.AddDays(-3);
        await demo.Provider.InScopeAsync(db =>
        {
            db.Calls.AddRange(Call("operators", day23, 8, 40, "1002"), Call("key", day23.AddHours(2), 3, 90, "1001"), Call("operators", day23.AddHours(3), 25, null, null));
            return db.SaveChangesAsync();
        });

        // Per day (20-26 November; the services' clock says 26 November 09:00): 20-25 are closed and summed per day, the 26th is read from the calls.
        var perDay = Ok(await IntervalsAsync(demo, SignedIn.Admin, "queue", "day", "2026-11-20", "2026-11-26"));
        var perHour = Ok(await IntervalsAsync(demo, SignedIn.Admin, "queue", "hour", "2026-11-20", "2026-11-26")); // never summed: every call
        var summarized = await demo.Provider.InScopeAsync(db => db.SummarizedCallDays.OrderBy(d => d.Day).Select(d => d.Day).ToListAsync());

        Assert.Equal(Enumerable.Range(0, 6).Select(i => new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero).AddDays(i)), summarized);
        var operators23 = perDay.Rows.Single(r => r.Start == day23.Date && r.Key == "operators");
        Assert.Equal((2L, 1L, 1L, 1L, 50.0, 8.0, 40.0, 25.0), (operators23.Offered, operators23.Answered, operators23.Abandoned, operators23.AnsweredInTime,
            operators23.ServiceLevelPercent, operators23.AverageSpeedOfAnswerSeconds, operators23.AverageHandleTimeSeconds, operators23.LongestWaitSeconds));
        Assert.Equal(Figures(perHour.Total), Figures(perDay.Total));
        Assert.Equal((8L, 6L, 2L), (perDay.Total.Offered, perDay.Total.Answered, perDay.Total.Abandoned));

        // A late change to a closed day's call (the caller who hung up was answered after all) marks the day stale.
        await demo.Provider.InScopeAsync(db => db.Calls.Where(c => c.ReceivedAt == day23.AddHours(3))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.AnsweredAt, day23.AddHours(3).AddSeconds(25)).SetProperty(c => c.AnsweredBy, "1001")
                .SetProperty(c => c.Outcome, "answered")));
        var afterChange = Ok(await IntervalsAsync(demo, SignedIn.Admin, "queue", "day", "2026-11-20", "2026-11-26"));

        var changed = afterChange.Rows.Single(r => r.Start == day23.Date && r.Key == "operators");
        Assert.Equal((2L, 2L, 0L), (changed.Offered, changed.Answered, changed.Abandoned));
        Assert.Equal(Figures(Ok(await IntervalsAsync(demo, SignedIn.Admin, "queue", "hour", "2026-11-20", "2026-11-26")).Total), Figures(afterChange.Total));
    }

    private static (long, long, long, long, double?, double?, double?, double?) Figures(IntervalRow row) =>
        (row.Offered, row.Answered, row.Abandoned, row.AnsweredInTime, row.ServiceLevelPercent, row.AverageSpeedOfAnswerSeconds,
            row.AverageHandleTimeSeconds, row.LongestWaitSeconds);

    [Fact]
    public async Task WallboardToday_CallsOfTodayOnly_PerQueueAndAgentWithThresholds()
    {
        await using var demo = await SeededAsync();

        var today = (await demo.InScopeAsync(services => WallboardEndpoints.TodayAsync(services.GetRequiredService<IntervalReportReader>(),
            services.GetRequiredService<ServiceLevel>(), services.GetRequiredService<IOptions<ReportOptions>>(), services.GetRequiredService<TimeProvider>(),
            CancellationToken.None))).Value!;

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), today.Since);
        var operators = today.Queues.Single(q => q.Figures.Key == "operators");
        Assert.Equal((3L, 2L, 1L, 33.3, 20), (operators.Figures.Offered, operators.Figures.Answered, operators.Figures.Abandoned,
            operators.Figures.ServiceLevelPercent, operators.ThresholdSeconds));
        Assert.Equal(10, today.Queues.Single(q => q.Figures.Key == "key").ThresholdSeconds);
        Assert.Equal((4L, 25.0), (today.Total.Offered, today.Total.ServiceLevelPercent));
        Assert.Equal(2L, today.Agents.Single(a => a.Key == "1001").Answered);
    }

    [Theory]
    [InlineData("team", "hour", "2026-11-01", "2026-11-02", "by")]
    [InlineData("agent", "month", "2026-11-01", "2026-11-02", "interval")]
    [InlineData("agent", "15min", "2026-10-01", "2026-11-30", "interval")]
    [InlineData("agent", "hour", "2026-11-02", "2026-11-01", "to")]
    public async Task Intervals_BadQuery_BadRequestNamingTheField(string by, string interval, string from, string to, string field)
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await IntervalsAsync(demo, SignedIn.Admin, by, interval, from, to);

        Assert.Equal([field], Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors.Keys);
    }

    [Fact]
    public async Task Intervals_Manager_OwnAgentRowsOnlyAndNoQueues()
    {
        await using var demo = await SeededAsync();
        var manager = DemoScenario.User("2001", "Manager");

        var own = Ok(await IntervalsAsync(demo, manager, "agent", "day", "2026-11-26", "2026-11-26"));
        var queues = await IntervalsAsync(demo, manager, "queue", "day", "2026-11-26", "2026-11-26");

        Assert.Empty(own.Rows);
        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsType<ProblemHttpResult>(queues.Result).StatusCode);
    }

    [Fact]
    public async Task Intervals_Csv_HeaderRowsAndTotal()
    {
        await using var demo = await SeededAsync();

        var csv = Assert.IsType<ContentHttpResult>((await IntervalsAsync(demo, SignedIn.Admin, "queue", "day", "2026-11-26", "2026-11-26", "csv")).Result);

        var lines = csv.ResponseContent!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("interval_start,queue,name,offered,answered,abandoned,answered_in_time,service_level_percent,", lines[0], StringComparison.Ordinal);
        Assert.Contains(",upsell_offered,upsell_accepted,promotions_offered,promotions_accepted,complaints,", lines[0], StringComparison.Ordinal);
        Assert.Equal("2026-11-26T00:00:00Z,operators,operators,3,2,1,1,33.3,17.5,150,60,0,0,0.00,,0,0,0,0,0,0,", lines[2]);
        Assert.StartsWith(",,Total,4,3,1,1,25,", lines[^1], StringComparison.Ordinal);
    }

    /// <summary>
    /// 26 November 2026, queue operators (threshold 20 s): 1001 answers after 5 s (talks 100 s), 1002 after 30 s (talks 200 s),
    /// a caller hangs up after 60 s; queue key (threshold 10 s): 1001 answers after 12 s. Yesterday's call does not count.
    /// 1001 accepted two orders (1,000.00 with 1 line and 3 offers of which 1 taken; 500.50 with 3 lines), recorded a
    /// complaint (the demo data has one of hers too), and finished a call-list task (reached); on the first order two
    /// promotions were put to the client, one taken.
    /// </summary>
    private async Task<DemoScenario> SeededAsync()
    {
        var demo = await DemoScenario.StartAsync(fixture, services => services.AddSingleton<IServiceLevelThresholds>(new Thresholds()));
        var anna = await demo.StaffIdAsync("1001");
        var client = await demo.ClientIdAsync("Corner Shop");
        var products = await Task.WhenAll(new[] { "MLK-32", "KEF-25", "BTR-82" }.Select(demo.ProductIdAsync));
        await demo.Provider.InScopeAsync(async db =>
        {
            db.Calls.AddRange(
                Call("operators", T0, 5, 100, "1001"), Call("operators", T0.AddMinutes(10), 30, 200, "1002"), Call("operators", T0.AddMinutes(20), 60, null, null),
                Call("key", T0.AddHours(1), 12, 50, "1001"), Call("operators", T0.AddDays(-1), 1, 10, "1001"));
            var promotions = new[] { "Winter butter", "Kefir week" }.Select(name => new Promotion
            {
                Id = Guid.NewGuid(), Name = name, StartsOn = new DateOnly(2026, 11, 1), EndsOn = new DateOnly(2026, 12, 31), DiscountPercent = 5,
                CreatedAt = T0, CreatedBy = "3001",
            }).ToList();
            db.Promotions.AddRange(promotions);
            var first = Order(client, anna, 1_000m, products[..1], products, 3, 1);
            first.Promotions.AddRange(promotions.Select((p, i) => new OrderPromotion { Id = Guid.NewGuid(), PromotionId = p.Id, Accepted = i == 0 }));
            db.Orders.AddRange(first, Order(client, anna, 500.50m, products, products, 0, 0));
            db.Feedback.Add(new FeedbackItem
            {
                Id = Guid.NewGuid(), ClientId = client, Kind = FeedbackKind.Complaint, Category = "quality", Text = "late", CreatedBy = "1001", CreatedAt = T0,
            });
            var task = await db.CallTasks.OrderBy(t => t.Position).FirstAsync();
            (task.Status, task.Result, task.CompletedAt, task.AssignedStaffId) = (CallTaskStatus.Done, CallResult.Reached, T0.AddMinutes(30), anna);
            return await db.SaveChangesAsync();
        });
        return demo;
    }

    private sealed class Thresholds : IServiceLevelThresholds
    {
        public IReadOnlyDictionary<string, TimeSpan> PerQueue { get; } = new Dictionary<string, TimeSpan>
        {
            ["operators"] = TimeSpan.FromSeconds(20), ["key"] = TimeSpan.FromSeconds(10),
        };
    }

    private static CallRecord Call(string queue, DateTimeOffset received, int waitSeconds, int? talkSeconds, string? agent) => new()
    {
        Id = Guid.NewGuid(), Direction = CallDirection.Inbound, CallerNumber = "84951000003", DialedNumber = "7000", QueueName = queue, ReceivedAt = received,
        AnsweredAt = agent is null ? null : received.AddSeconds(waitSeconds), AnsweredBy = agent,
        EndedAt = received.AddSeconds(waitSeconds + (talkSeconds ?? 0)), EndedBy = CallEndedBy.Caller, Outcome = agent is null ? "abandoned" : "answered",
    };

    private static Order Order(Guid client, Guid takenBy, decimal total, Guid[] lines, Guid[] products, int offered, int taken)
    {
        var order = new Order { Id = Guid.NewGuid(), ClientId = client, TakenByStaffId = takenBy, Status = OrderStatus.Accepted, CreatedAt = T0, AcceptedAt = T0, Total = total };
        order.Lines.AddRange(lines.Select(p => new OrderLine { Id = Guid.NewGuid(), ProductId = p, Quantity = 1, UnitPrice = 1, LineTotal = 1 }));
        order.UpsellOffers.AddRange(products.Take(offered).Select((p, i) => new UpsellOffer { Id = Guid.NewGuid(), ProductId = p, Accepted = i < taken }));
        return order;
    }

    private static Task<Results<Ok<IntervalReportDto>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> IntervalsAsync(DemoScenario demo,
        System.Security.Claims.ClaimsPrincipal user, string by, string interval, string from, string to, string? format = null) =>
        demo.InScopeAsync(services => ReportEndpoints.IntervalsAsync(from, to, by, interval, format, new DefaultHttpContext().Request,
            services.GetRequiredService<IntervalReportReader>(), services.GetRequiredService<IOptions<ReportOptions>>(), services.GetRequiredService<CrmDbContext>(),
            services.GetRequiredService<Audit>(), user, CancellationToken.None));

    private static IntervalReportDto Ok(Results<Ok<IntervalReportDto>, ContentHttpResult, ValidationProblem, ProblemHttpResult> result) =>
        Assert.IsType<Ok<IntervalReportDto>>(result.Result).Value!;
}
