using ContactCenter.Crm.Api;
using ContactCenter.Crm.Dialing;
using ContactCenter.Crm.Dispatch;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbound;
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
public sealed class DispatchDeskTests(CrmDatabaseFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private readonly FakeDialer _dialer = new();

    [Fact]
    public async Task List_Today_DemoDeliveriesByWindow()
    {
        await using var demo = await StartAsync();

        var today = await Desk(demo, d => d.ListAsync(null, CancellationToken.None));

        Assert.Equal(["09:00-12:00", "14:00-18:00"], today.Select(d => d.Window));
        Assert.All(today, d => Assert.Equal("Planned", d.Status));
    }

    [Fact]
    public async Task Create_BadFields_BadRequestNamingEach()
    {
        await using var demo = await StartAsync();

        var result = DeskHttp.Created(await Desk(demo, d => d.CreateAsync(new CreateDeliveryRequest(Guid.NewGuid(), " ", ["abc"], Today.AddDays(-1), "12:00-09:00"),
            SignedIn.Dispatcher, CancellationToken.None)), d => $"/api/deliveries/{d.Id}");

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["consigneeName", "orderId", "phones[0]", "plannedDate", "window"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NotifyThenReschedule_CallFromDispatcherAndOutcomeVisibleOnTheDelivery()
    {
        await using var demo = await StartAsync();
        var delivery = await CreateAsync(demo, "+7 495 555-00-11");

        var beforeCall = await OutcomeAsync(demo, delivery.Id, new DeliveryOutcomeRequest("notified", null, null, null));
        var call = Assert.IsType<Accepted<DeliveryCallDto>>((await NotifyAsync(demo, delivery.Id)).Result).Value!;
        var noDate = await OutcomeAsync(demo, delivery.Id, new DeliveryOutcomeRequest("rescheduled", null, null, "10:00-11:00"));
        var rescheduled = await OutcomeAsync(demo, delivery.Id, new DeliveryOutcomeRequest("rescheduled", "closed on Thursday", Today.AddDays(2), "10:00-11:00"));

        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(beforeCall.Result).StatusCode);
        Assert.Equal([("5001", "+74955550011", "dispatch")], _dialer.Calls);
        Assert.Equal(1, call.Attempt);
        Assert.Equal(["newDate"], Assert.IsType<ValidationProblem>(noDate.Result).ProblemDetails.Errors.Keys);
        var shown = Assert.IsType<Ok<DeliveryDto>>(rescheduled.Result).Value!;
        Assert.Equal(("Rescheduled", Today.AddDays(2), "10:00-11:00", "closed on Thursday", "5001", call.CallId),
            (shown.Status, shown.PlannedDate, shown.Window, shown.OutcomeNotes, shown.OutcomeBy, shown.LastCallId));
    }

    [Fact]
    public async Task Notify_ConsigneeNumberOfDoNotCallClient_ConflictNothingDialled()
    {
        await using var demo = await StartAsync();
        await demo.Provider.InScopeAsync(db => db.Clients.Where(c => c.Name == "Arbat Foods").ExecuteUpdateAsync(s => s.SetProperty(c => c.DoNotCall, true)));
        var delivery = await CreateAsync(demo, "84951000001");

        var result = await NotifyAsync(demo, delivery.Id);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status409Conflict, problem.StatusCode);
        Assert.Equal("Arbat Foods asked not to be called (do-not-call).", problem.ProblemDetails.Detail);
        Assert.Empty(_dialer.Calls);
    }

    [Fact]
    public async Task AutoNotify_ConsigneeDoesNotAnswer_RecordedAsNoAnswerBySchedule()
    {
        await using var demo = await StartAsync();
        var notifier = demo.Provider.GetRequiredService<DispatchAutoNotifier>();

        var first = await notifier.NotifyNextAsync(CancellationToken.None);
        var whileCalling = await notifier.NotifyNextAsync(CancellationToken.None);
        _dialer.Outcome.SetResult(DialOutcome.ClientMissed);
        await CrmTestServices.EventuallyAsync(async () => (await Desk(demo, d => d.GetAsync(first!.Value, CancellationToken.None)))!.Status == "NoAnswer");

        Assert.NotNull(first);
        Assert.Null(whileCalling);
        Assert.Equal([("5001", "+74951000001", "dispatch")], _dialer.Calls);
        var delivery = (await Desk(demo, d => d.GetAsync(first!.Value, CancellationToken.None)))!;
        Assert.Equal(("system", 1), (delivery.OutcomeBy, delivery.Attempts));
    }

    [Fact]
    public async Task Notify_TwoRequestsForEachDeliveryAtOnceOrOneAfterTheOther_OneCallPerDelivery()
    {
        await using var demo = await StartAsync();
        var deliveries = new List<DeliveryDto>();
        for (var i = 0; i < 8; i++)
        {
            deliveries.Add(await CreateAsync(demo, $"+7 495 555-01-{i:00}"));
        }

        // The dispatcher's click and the schedule (or a double submit) racing for the same delivery, then a late third click.
        var results = await Task.WhenAll(deliveries.SelectMany(d => new[] { NotifyAsync(demo, d.Id), NotifyAsync(demo, d.Id) }));
        var later = await NotifyAsync(demo, deliveries[0].Id);

        foreach (var delivery in deliveries)
        {
            var stored = (await Desk(demo, d => d.GetAsync(delivery.Id, CancellationToken.None)))!;
            Assert.Single(_dialer.Calls, c => c.Number == delivery.Phones[0]);
            Assert.Equal(("Calling", 1), (stored.Status, stored.Attempts));
        }

        Assert.Equal(8, results.Count(r => r.Result is Accepted<DeliveryCallDto>));
        Assert.All(results.Append(later).Where(r => r.Result is not Accepted<DeliveryCallDto>),
            r => Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(r.Result).StatusCode));
        Assert.Contains("record its outcome before calling again", ((ProblemHttpResult)later.Result).ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_EngineRefuses_DeliveryLeftAsItWas()
    {
        await using var demo = await StartAsync();
        var delivery = await CreateAsync(demo, "+7 495 555-00-12");
        _dialer.Refusal = "5001 is not registered";

        var result = await NotifyAsync(demo, delivery.Id);

        Assert.Equal("The call cannot be placed: 5001 is not registered.", Assert.IsType<ProblemHttpResult>(result.Result).ProblemDetails.Detail);
        var stored = (await Desk(demo, d => d.GetAsync(delivery.Id, CancellationToken.None)))!;
        Assert.Equal(("Planned", 0, (DateTimeOffset?)null), (stored.Status, stored.Attempts, stored.LastAttemptAt));
    }

    [Fact]
    public async Task AutoNotify_DispatcherDoesNotAnswer_SchedulePausesThenCallsAgain()
    {
        await using var demo = await StartAsync();
        var notifier = demo.Provider.GetRequiredService<DispatchAutoNotifier>();
        var clock = (FakeTimeProvider)demo.Provider.GetRequiredService<TimeProvider>();

        var first = await notifier.NotifyNextAsync(CancellationToken.None);
        _dialer.Outcome.SetResult(DialOutcome.AgentMissed);
        await CrmTestServices.EventuallyAsync(async () => (await Desk(demo, d => d.GetAsync(first!.Value, CancellationToken.None)))!.Status == "Planned");
        _dialer.Outcome = new();
        var soonAfter = await notifier.NotifyNextAsync(CancellationToken.None);
        clock.Advance(demo.Provider.GetRequiredService<IOptions<DispatchOptions>>().Value.RetryAfter);
        var later = await notifier.NotifyNextAsync(CancellationToken.None);

        Assert.Null(soonAfter);
        Assert.Equal(first, later);
        Assert.Equal(2, _dialer.Calls.Count);
        Assert.Equal(1, (await Desk(demo, d => d.GetAsync(first!.Value, CancellationToken.None)))!.Attempts);
    }

    [Fact]
    public async Task AutoNotify_NoCallResultWithinTenMinutes_DeliveryBackToTheNoAnswerRetries()
    {
        await using var demo = await StartAsync();
        var notifier = demo.Provider.GetRequiredService<DispatchAutoNotifier>();
        var clock = (FakeTimeProvider)demo.Provider.GetRequiredService<TimeProvider>();

        var first = await notifier.NotifyNextAsync(CancellationToken.None);
        clock.Advance(DispatchDesk.CallUnderWayFor + TimeSpan.FromSeconds(1));

        await CrmTestServices.EventuallyAsync(async () => (await Desk(demo, d => d.GetAsync(first!.Value, CancellationToken.None)))!.Status == "NoAnswer");
        var delivery = (await Desk(demo, d => d.GetAsync(first!.Value, CancellationToken.None)))!;
        Assert.Equal(("system", 1), (delivery.OutcomeBy, delivery.Attempts));
    }

    private Task<DemoScenario> StartAsync() => DemoScenario.StartAsync(fixture, services => services.AddSingleton<IOutboundDialer>(_dialer));

    private static Task<T> Desk<T>(DemoScenario demo, Func<DispatchDesk, Task<T>> action) => demo.InScopeAsync(action);

    private static async Task<DeliveryDto> CreateAsync(DemoScenario demo, string phone)
    {
        var result = DeskHttp.Created(await Desk(demo, d => d.CreateAsync(new CreateDeliveryRequest(null, "Goods-in", [phone], Today, "09:00-12:00"),
            SignedIn.Dispatcher, CancellationToken.None)), d => $"/api/deliveries/{d.Id}");
        return Assert.IsType<Created<DeliveryDto>>(result.Result).Value!;
    }

    private static Task<Results<Accepted<DeliveryCallDto>, NotFound, ValidationProblem, ProblemHttpResult>> NotifyAsync(DemoScenario demo, Guid id) =>
        Desk(demo, async d => DeskHttp.Accepted(await d.NotifyAsync(id, null, "5001", "5001", CancellationToken.None), c => $"/api/deliveries/{c.DeliveryId}"));

    private static Task<Results<Ok<DeliveryDto>, NotFound, ValidationProblem, ProblemHttpResult>> OutcomeAsync(DemoScenario demo, Guid id,
        DeliveryOutcomeRequest request) =>
        Desk(demo, async d => DeskHttp.Ok(await d.RecordOutcomeAsync(id, request, "5001", CancellationToken.None)));
}
