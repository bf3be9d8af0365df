using ContactCenter.Crm.Api;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbound;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class CallListDeskTests(CrmDatabaseFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateSleeping_OldOrderersOnly_DoNotCallAndRecentOrderersSkipped()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        // Demo clients last ordered 7 days ago. Four go quiet for 60 days; one of them asked not to be called,
        // and one has an accepted order 10 days ago although its last-order date says otherwise.
        await SetLastOrderAsync(demo, Now.AddDays(-60), "Volga Trade", "Tver Market", "Late Payer", "Over Limit");
        await demo.Provider.InScopeAsync(db => db.Clients.Where(c => c.Name == "Late Payer").ExecuteUpdateAsync(s => s.SetProperty(c => c.DoNotCall, true)));
        await AcceptedOrderAsync(demo, "Over Limit", Now.AddDays(-10));

        var result = await SleepingAsync(demo, new SleepingListRequest(["1001", "1002"], null, null, null, null, null));

        var list = Assert.IsType<Created<CallListDto>>(result.Result).Value!;
        Assert.Equal("sleeping-clients", list.Purpose);
        Assert.Equal(["1001", "1002"], list.Operators);
        Assert.Equal("3001", list.Head);
        var called = await demo.Provider.InScopeAsync(db => db.CallTasks.Where(t => t.CallListId == list.Id).OrderBy(t => t.Position)
            .Select(t => db.Clients.Where(c => c.Id == t.ClientId).Select(c => c.Name).First()).ToListAsync());
        Assert.Equal(["Tver Market", "Volga Trade"], called);
        Assert.Equal(ClientStatus.Sleeping, await demo.Provider.InScopeAsync(db => db.Clients.Where(c => c.Name == "Volga Trade").Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task CreateSleeping_ShorterDaysAndAlreadyOnOpenList_OnlyClientsNotListedYet()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var first = await SleepingAsync(demo, new SleepingListRequest(["1001"], "first", null, null, 5, null));

        var second = await SleepingAsync(demo, new SleepingListRequest(["1001"], "second", null, null, 5, null));

        // 8 demo clients, 3 of them waiting on the demo survey list.
        Assert.Equal(5, Assert.IsType<Created<CallListDto>>(first.Result).Value!.Tasks);
        var problem = Assert.IsType<ProblemHttpResult>(second.Result);
        Assert.Equal(StatusCodes.Status409Conflict, problem.StatusCode);
        Assert.Contains("within 5 days", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_RunOnce_SleepingListFromTheConfiguredHeadForEveryOperator()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        await SetLastOrderAsync(demo, Now.AddDays(-45), "Volga Trade");
        var schedule = demo.Provider.GetRequiredService<SleepingListSchedule>();

        var first = await schedule.RunOnceAsync(CancellationToken.None);
        var second = await schedule.RunOnceAsync(CancellationToken.None);

        var list = Assert.Single(await demo.InScopeAsync<CallListDesk, List<CallListDto>>(d => d.ListAsync(SignedIn.Head, CancellationToken.None)),
            l => l.Id == first);
        Assert.Equal(("sleeping-clients", "3001", 1), (list.Purpose, list.Head, list.Tasks));
        Assert.Equal(["1001", "1002", "1003"], list.Operators);
        Assert.Null(second);
    }

    [Fact]
    public async Task Create_DoNotCallClientOrItsNumber_BadRequestNamingTheTask()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var corner = await demo.ClientIdAsync("Corner Shop");
        await demo.Provider.InScopeAsync(db => db.Clients.Where(c => c.Id == corner).ExecuteUpdateAsync(s => s.SetProperty(c => c.DoNotCall, true)));

        var result = await CreateAsync(demo, Request(tasks: [new(corner, null), new(null, "8 (495) 100-00-03"), new(null, "+7 495 555-12-34")]));

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["tasks[0].clientId", "tasks[1].phone"], errors.Keys.Order());
        Assert.Equal(["Corner Shop asked not to be called (do-not-call)."], errors["tasks[0].clientId"]);
        Assert.Equal(0, await demo.Provider.InScopeAsync(db => db.CallLists.CountAsync(l => l.Name == "Spring promo")));
    }

    [Fact]
    public async Task Create_BadFields_BadRequestNamingEach()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var request = new CreateCallListRequest("", "lottery", null, new DateOnly(2026, 1, 1), ["1001", "9999"], 0,
            [new(null, "not a number"), new(null, null)],
            [new("Happy?", "yes-no", ["a", "b"]), new("Which?", "choice", ["one"]), new("", "mood", null)]);

        var result = await CreateAsync(demo, request);

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["dueDate", "maxAttempts", "name", "operators[1]", "purpose", "questions[0].choices", "questions[1].choices",
            "questions[2].kind", "questions[2].text", "tasks[0].phone", "tasks[1]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["No active member of staff has extension '9999'."], errors["operators[1]"]);
    }

    [Fact]
    public async Task Create_ClientsAndNumbers_TasksInOrderWithClientFoundByNumber()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var arbat = await demo.ClientIdAsync("Arbat Foods");

        var result = await CreateAsync(demo, Request(tasks: [new(arbat, null), new(null, "84951000002"), new(null, "+7 495 555-12-34")]));

        var list = Assert.IsType<Created<CallListDto>>(result.Result).Value!;
        var tasks = await demo.Provider.InScopeAsync(db => db.CallTasks.Where(t => t.CallListId == list.Id).OrderBy(t => t.Position)
            .Select(t => new { t.PhoneE164, Client = db.Clients.Where(c => c.Id == t.ClientId).Select(c => c.Name).FirstOrDefault() }).ToListAsync());
        Assert.Equal([("+74951000001", "Arbat Foods"), ("+74951000002", "Volga Trade"), ("+74955551234", null)],
            tasks.Select(t => (t.PhoneE164, t.Client)));
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.Audit.CountAsync(a => a.EntityType == "call-list" && a.UserName == "3001")));
    }

    internal static CreateCallListRequest Request(List<CallTaskRequest> tasks, List<SurveyQuestionRequest>? questions = null, int? maxAttempts = 2,
        List<string>? operators = null) =>
        new("Spring promo", questions is null ? "sales-warm" : "survey", "Offer the spring promo.", new DateOnly(2026, 12, 1),
            operators ?? ["1001", "1002"], maxAttempts, tasks, questions);

    internal static Task<Results<Created<CallListDto>, NotFound, ValidationProblem, ProblemHttpResult>> CreateAsync(DemoScenario demo, CreateCallListRequest request) =>
        demo.InScopeAsync<CallListDesk, Results<Created<CallListDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async desk => DeskHttp.Created(await desk.CreateAsync(request, SignedIn.Head, CancellationToken.None), l => $"/api/call-lists/{l.Id}"));

    private static Task<Results<Created<CallListDto>, NotFound, ValidationProblem, ProblemHttpResult>> SleepingAsync(DemoScenario demo, SleepingListRequest request) =>
        demo.InScopeAsync<CallListDesk, Results<Created<CallListDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async desk => DeskHttp.Created(await desk.CreateSleepingAsync(request, SignedIn.Head, CancellationToken.None), l => $"/api/call-lists/{l.Id}"));

    private static Task<int> SetLastOrderAsync(DemoScenario demo, DateTimeOffset at, params string[] names) =>
        demo.Provider.InScopeAsync(db => db.Clients.Where(c => names.Contains(c.Name)).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastOrderAt, at)));

    private static async Task AcceptedOrderAsync(DemoScenario demo, string client, DateTimeOffset at)
    {
        var clientId = await demo.ClientIdAsync(client);
        await demo.Provider.InScopeAsync(async db =>
        {
            db.Orders.Add(new Order { Id = Guid.NewGuid(), ClientId = clientId, Status = OrderStatus.Accepted, CreatedAt = at, AcceptedAt = at });
            return await db.SaveChangesAsync();
        });
    }
}
