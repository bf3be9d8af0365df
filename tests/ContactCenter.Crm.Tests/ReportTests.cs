using System.Text.Json;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Feedback;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbox;
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
public sealed class ReportTests(CrmDatabaseFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Agents_KnownCallsOrdersAndComplaints_FiguresPerOperator()
    {
        await using var demo = await SeededAsync();

        var report = Ok(await AgentsAsync(demo, "admin", ["Admin"], "2026-11-01", "2026-11-30"));

        var anna = report.Rows.Single(r => r.Extension == "1001");
        Assert.Equal(new ReportRow("1001", "Anna Petrova", "call-center", CallsHandled: 3, OutboundCalls: 1, AnsweredWithinThreshold: 2, Abandoned: 1,
            ServiceLevelPercent: 50.0, AverageSpeedOfAnswerSeconds: 18.3, AverageHandleTimeSeconds: 120.0, OrdersAccepted: 2, AverageOrderLines: 2.5,
            AverageOrderValue: 750.25m, UpsellOffered: 7, UpsellAccepted: 2, Complaints: 3, JustifiedComplaints: 1, Wishes: 1,
            PromotionsOffered: 0, PromotionsAccepted: 0), anna);
        var boris = report.Rows.Single(r => r.Extension == "1002");
        Assert.Equal((1L, 1L, 0L, 100.0, 10.0, 300.0, 0L), (boris.CallsHandled, boris.AnsweredWithinThreshold, boris.Abandoned,
            boris.ServiceLevelPercent, boris.AverageSpeedOfAnswerSeconds, boris.AverageHandleTimeSeconds, boris.OrdersAccepted));
        Assert.Equal((0L, null, null), (report.Rows.Single(r => r.Extension == "1003").CallsHandled,
            report.Rows.Single(r => r.Extension == "1003").ServiceLevelPercent, report.Rows.Single(r => r.Extension == "1003").AverageOrderValue));
        Assert.Equal((4L, 3L, 2L, 50.0), (report.Total.CallsHandled, report.Total.AnsweredWithinThreshold, report.Total.Abandoned, report.Total.ServiceLevelPercent));
        Assert.Equal(20, report.ServiceLevelThresholdSeconds);
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), (report.From, report.To));
    }

    [Fact]
    public async Task Departments_KnownData_StaffFiguresAddUpAndComplaintsGoWhereTheyWereRouted()
    {
        await using var demo = await SeededAsync();

        var report = Ok(await demo.InScopeAsync(services => ReportEndpoints.DepartmentsAsync("2026-11-01", "2026-11-30", null, new DefaultHttpContext().Request,
            services.GetRequiredService<ReportReader>(), services.GetRequiredService<IOptions<ReportOptions>>(), services.GetRequiredService<CrmDbContext>(),
            services.GetRequiredService<Audit>(), DemoScenario.User("3001", "DepartmentHead"), CancellationToken.None)));

        var callCenter = report.Rows.Single(r => r.Department == "call-center");
        Assert.Equal((4L, 3L, 1L, 60.0, 16.3, 165.0, 2L, 0L), (callCenter.CallsHandled, callCenter.AnsweredWithinThreshold, callCenter.Abandoned,
            callCenter.ServiceLevelPercent, callCenter.AverageSpeedOfAnswerSeconds, callCenter.AverageHandleTimeSeconds, callCenter.OrdersAccepted, callCenter.Complaints));
        var quality = report.Rows.Single(r => r.Department == "quality");
        Assert.Equal(("Quality and complaints", 3L, 1L, 0L), (quality.Name, quality.Complaints, quality.JustifiedComplaints, quality.Wishes));
        Assert.Equal(1L, report.Rows.Single(r => r.Department == "dispatch").Wishes);
        Assert.Equal((2L, 3L, 1L, 1L), (report.Total.OrdersAccepted, report.Total.Complaints, report.Total.JustifiedComplaints, report.Total.Wishes));
    }

    [Fact]
    public async Task Agents_AsCsv_HeaderAndOneLinePerExtensionThenTheTotal()
    {
        await using var demo = await SeededAsync();

        var csv = Assert.IsType<ContentHttpResult>((await AgentsAsync(demo, "3001", ["DepartmentHead"], "2026-11-01", "2026-11-30", format: "csv")).Result);

        var lines = csv.ResponseContent!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("text/csv; charset=utf-8", csv.ContentType);
        Assert.Equal("extension,name,department,calls_handled,outbound_calls,answered_within_threshold,abandoned,service_level_percent,"
            + "average_speed_of_answer_seconds,average_handle_time_seconds,orders_accepted,average_order_lines,average_order_value,upsell_offered,"
            + "upsell_accepted,complaints,justified_complaints,wishes,promotions_offered,promotions_accepted", lines[0]);
        Assert.Contains("1001,Anna Petrova,call-center,3,1,2,1,50,18.3,120,2,2.5,750.25,7,2,3,1,1,0,0", lines);
        Assert.Equal(",Total,,4,1,3,2,50,16.3,165,2,2.5,750.25,7,2,3,1,1,0,0", lines[^1]);
        Assert.Equal(12, lines.Length);
    }

    [Fact]
    public async Task Agents_AcceptTextCsv_Csv()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var request = new DefaultHttpContext().Request;
        request.Headers.Accept = "text/csv";

        var result = await AgentsAsync(demo, "admin", ["Admin"], "2026-11-01", "2026-11-30", request: request);

        Assert.StartsWith("extension,name,department,", Assert.IsType<ContentHttpResult>(result.Result).ResponseContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_Manager_OnlyTheirOwnRow()
    {
        await using var demo = await SeededAsync();

        var report = Ok(await AgentsAsync(demo, "2001", ["Manager"], "2026-11-01", "2026-11-30"));

        Assert.Equal(["2001"], report.Rows.Select(r => r.Extension));
        Assert.Equal("Total", report.Total.Name);
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-01", "to", "'to' must be after 'from'.")]
    [InlineData("yesterday", "2026-11-01", "from", "'yesterday' is not a date (2026-11-01) or a date and time (2026-11-01T08:00:00Z).")]
    [InlineData("2026-11-01", null, "to", "Give 'to', a date (2026-11-01) or a date and time (2026-11-01T08:00:00Z).")]
    [InlineData("2025-01-01", "2026-11-30", "to", "A report covers at most 366 days.")]
    public async Task Agents_BadPeriod_BadRequestNamingTheField(string? from, string? to, string field, string message)
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await AgentsAsync(demo, "admin", ["Admin"], from, to);

        Assert.Equal([message], Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors[field]);
    }

    [Fact]
    public async Task Agents_UnknownFormat_BadRequestNamingFormat()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await AgentsAsync(demo, "admin", ["Admin"], "2026-11-01", "2026-11-02", format: "xml");

        Assert.Equal(["format"], Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors.Keys);
    }

    [Fact]
    public async Task Agents_ClosedDaysFromDaySums_SameFiguresAsFromTheCalls_AndALateChangeIsCounted()
    {
        await using var demo = await SeededAsync();
        var november = new ReportPeriod(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var beforeNovember = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)); // no day closed: every call read

        // The services' clock says 26 November 09:00: 1-25 November are read from the per-day sums, the rest from the calls.
        var summed = await AgentsReportAsync(demo, november);
        var fromCalls = await AgentsReportAsync(demo, november, beforeNovember);

        Assert.Equal(fromCalls.Rows, summed.Rows);
        Assert.Equal(fromCalls.Total, summed.Total);
        var annasDays = await demo.Provider.InScopeAsync(db => db.AgentDayFigures.Where(d => d.Extension == "1001").ToListAsync());
        Assert.Equal((1L, 1L), (annasDays.Sum(d => d.Outbound), annasDays.Sum(d => d.AbandonedAtAgent)));

        // The caller who hung up while 1001's phone rang turns out answered by 1001 (a late event): the day is summed again.
        await demo.Provider.InScopeAsync(db => db.Calls.Where(c => c.ReceivedAt == T0.AddHours(6))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.AnsweredAt, T0.AddHours(6).AddSeconds(10)).SetProperty(c => c.AnsweredBy, "1001")
                .SetProperty(c => c.Outcome, "answered")));
        var anna = (await AgentsReportAsync(demo, november)).Rows.Single(r => r.Extension == "1001");

        Assert.Equal((4L, 0L), (anna.CallsHandled, anna.Abandoned));
        Assert.Equal(anna, (await AgentsReportAsync(demo, november, beforeNovember)).Rows.Single(r => r.Extension == "1001"));
    }

    private static Task<ReportDto> AgentsReportAsync(DemoScenario demo, ReportPeriod period, TimeProvider? clock = null) =>
        demo.InScopeAsync(services => (clock is null
            ? services.GetRequiredService<ReportReader>()
            : new ReportReader(services.GetRequiredService<CrmDbContext>(), services.GetRequiredService<ServiceLevel>(), clock))
            .AgentsAsync(period, null, CancellationToken.None));

    private static Task<Results<Ok<ReportDto>, ContentHttpResult, ValidationProblem>> AgentsAsync(DemoScenario demo, string user, string[] roles,
        string? from, string? to, string? format = null, HttpRequest? request = null) =>
        demo.InScopeAsync(services => ReportEndpoints.AgentsAsync(from, to, format, request ?? new DefaultHttpContext().Request,
            services.GetRequiredService<ReportReader>(), services.GetRequiredService<IOptions<ReportOptions>>(), services.GetRequiredService<CrmDbContext>(),
            services.GetRequiredService<Audit>(), DemoScenario.User(user, roles), CancellationToken.None));

    private static ReportDto Ok(Results<Ok<ReportDto>, ContentHttpResult, ValidationProblem> result) =>
        Assert.IsType<Ok<ReportDto>>(result.Result).Value!;

    /// <summary>
    /// November 2026: 1001 answers three inbound calls (after 5, 30 and 20 s; talks 120, 60, 180 s) and one outbound, a caller hangs
    /// up while 1001's phone rings; 1002 answers one (10 s, talks 300 s); one caller hangs up in the queue after 1002 missed the call;
    /// 1001's calls on 31 October and an internal call do not count. 1001 took two accepted orders (2 and 3 lines, 1,000.00 and
    /// 500.50, 7 offers of which 2 taken), a draft and one accepted in October; recorded two quality complaints (one judged
    /// justified) and a delivery wish, besides the demo's complaint.
    /// </summary>
    private async Task<DemoScenario> SeededAsync()
    {
        var demo = await DemoScenario.StartAsync(fixture);
        var anna = await demo.StaffIdAsync("1001");
        var client = await demo.ClientIdAsync("Corner Shop");
        var products = await Task.WhenAll(new[] { "MLK-32", "KEF-25", "BTR-82", "SGR-1", "BCK-9" }.Select(demo.ProductIdAsync));
        await demo.Provider.InScopeAsync(async db =>
        {
            db.Calls.AddRange(
                Answered(CallDirection.Inbound, T0, 5, 120, "1001"),
                Answered(CallDirection.Inbound, T0.AddHours(1), 30, 60, "1001"),
                Answered(CallDirection.Inbound, T0.AddHours(2), 20, 180, "1001"),
                Answered(CallDirection.Outbound, T0.AddHours(3), 15, 100, "1001"),
                Answered(CallDirection.Inbound, T0.AddHours(4), 10, 300, "1002"),
                Answered(CallDirection.Inbound, new DateTimeOffset(2026, 10, 31, 23, 59, 59, TimeSpan.Zero), 1, 10, "1001"),
                Answered(CallDirection.Internal, T0.AddHours(5), 1, 10, "1001"),
                Abandoned(T0.AddHours(6), new CallQueued(Guid.NewGuid(), Guid.Empty, 3, T0, "operators", 1), new CallOffered(Guid.NewGuid(), Guid.Empty, 4, T0, "1001")),
                Abandoned(T0.AddHours(7), new CallOffered(Guid.NewGuid(), Guid.Empty, 3, T0, "1002"),
                    new CallOfferFailed(Guid.NewGuid(), Guid.Empty, 4, T0, "1002", "no-answer"), new CallQueued(Guid.NewGuid(), Guid.Empty, 5, T0, "operators", 1)));
            db.Orders.AddRange(
                Order(client, anna, OrderStatus.Accepted, T0, 1_000m, products[..2], offered: 4, taken: 2, products),
                Order(client, anna, OrderStatus.Accepted, T0.AddDays(1), 500.50m, products[..3], offered: 3, taken: 0, products),
                Order(client, anna, OrderStatus.Draft, null, 99m, products[..1], offered: 0, taken: 0, products),
                Order(client, anna, OrderStatus.Accepted, T0.AddMonths(-1), 10m, products[..1], offered: 3, taken: 3, products));
            return await db.SaveChangesAsync();
        });
        var quality = await RecordAsync(demo, client, "complaint", "quality");
        await RecordAsync(demo, client, "complaint", "quality");
        await RecordAsync(demo, client, "wish", "delivery");
        await demo.AsUserAsync<FeedbackDesk, Results<Ok<FeedbackDto>, NotFound, ValidationProblem, ProblemHttpResult>>("3002", ["DepartmentHead"],
            async (desk, head) => DeskHttp.Ok(await desk.ReviewAsync(quality, new ReviewFeedbackRequest(true, null, null), head, CancellationToken.None)));
        return demo;
    }

    private static async Task<Guid> RecordAsync(DemoScenario demo, Guid client, string kind, string category)
    {
        var result = await demo.InScopeAsync<FeedbackDesk, Results<Created<FeedbackDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async desk => DeskHttp.Created(await desk.RecordAsync(
            new RecordFeedbackRequest(client, null, kind, category, "Something to say"), "1001", CancellationToken.None), f => $"/api/feedback/{f.Id}"));
        return Assert.IsType<Created<FeedbackDto>>(result.Result).Value!.Id;
    }

    private static CallRecord Answered(CallDirection direction, DateTimeOffset received, int waitSeconds, int talkSeconds, string agent) => new()
    {
        Id = Guid.NewGuid(), Direction = direction, CallerNumber = "84951000003", DialedNumber = "7000", ReceivedAt = received,
        AnsweredAt = received.AddSeconds(waitSeconds), EndedAt = received.AddSeconds(waitSeconds + talkSeconds), AnsweredBy = agent,
        EndedBy = CallEndedBy.Caller, Outcome = "answered",
    };

    private static CallRecord Abandoned(DateTimeOffset received, params object[] steps)
    {
        var call = new CallRecord
        {
            Id = Guid.NewGuid(), Direction = CallDirection.Inbound, CallerNumber = "84951000003", DialedNumber = "7000", ReceivedAt = received,
            EndedAt = received.AddSeconds(40), EndedBy = CallEndedBy.Caller, Outcome = "abandoned",
        };
        call.Timeline.AddRange(steps.Select((step, i) => new CallTimelineEntry
        {
            EventId = Guid.NewGuid(), CallId = call.Id, Sequence = i + 3, OccurredAt = received, Type = step.GetType().Name,
            Data = JsonSerializer.Serialize(step, step.GetType(), OutboxMessageTypes.JsonOptions),
        }));
        return call;
    }

    private static Order Order(Guid client, Guid takenBy, OrderStatus status, DateTimeOffset? acceptedAt, decimal total, Guid[] lines, int offered,
        int taken, Guid[] products)
    {
        var order = new Order { Id = Guid.NewGuid(), ClientId = client, TakenByStaffId = takenBy, Status = status, CreatedAt = T0, AcceptedAt = acceptedAt, Total = total };
        order.Lines.AddRange(lines.Select(p => new OrderLine { Id = Guid.NewGuid(), ProductId = p, Quantity = 1, UnitPrice = 1, LineTotal = 1 }));
        order.UpsellOffers.AddRange(Enumerable.Reverse(products).Take(offered).Select((p, i) => new UpsellOffer { Id = Guid.NewGuid(), ProductId = p, Accepted = i < taken }));
        return order;
    }
}
