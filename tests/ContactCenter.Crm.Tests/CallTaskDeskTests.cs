using System.Text.Json;
using ContactCenter.Contracts.Outbound;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Dialing;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbound;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class CallTaskDeskTests(CrmDatabaseFixture fixture)
{
    private readonly FakeDialer _dialer = new();

    [Fact]
    public async Task Next_OperatorOfTheList_PreviewWithClientCardBeforeDialling()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods");

        var preview = Assert.IsType<Ok<CallTaskPreviewDto>>((await NextAsync(demo, SignedIn.Vera, list)).Result).Value!;

        Assert.Equal("Arbat Foods", preview.Client!.Name);
        Assert.Equal("+74951000001", preview.Phone);
        Assert.Equal("Offer the spring promo.", preview.Instructions);
        Assert.Empty(_dialer.Calls);
        Assert.IsType<NoContent>((await NextAsync(demo, SignedIn.Anna, list)).Result);
    }

    [Fact]
    public async Task Dial_OperatorNotOnTheList_ForbiddenAndNothingDialled()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods");
        var task = await TaskIdAsync(demo, list);

        var result = await DialAsync(demo, SignedIn.Anna, task);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
        Assert.Empty(_dialer.Calls);
    }

    [Fact]
    public async Task Dial_PlacesTheCallFromTheOperatorsPhoneAndCountsTheAttempt()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods");
        var task = await TaskIdAsync(demo, list);

        var started = Assert.IsType<Accepted<DialStartedDto>>((await DialAsync(demo, SignedIn.Vera, task)).Result).Value!;

        Assert.Equal([("1003", "+74951000001", "call-list")], _dialer.Calls);
        Assert.Equal(1, started.Attempt);
        var row = await demo.Provider.InScopeAsync(db => db.CallTasks.SingleAsync(t => t.Id == task));
        Assert.Equal((CallTaskStatus.InProgress, 1, started.CallId), (row.Status, row.Attempts, row.LastCallId));
    }

    [Fact]
    public async Task Dial_TwoOperatorsAtOnce_OneCallPlacedTheOtherRefused()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods", ["1002", "1003"]);
        var task = await TaskIdAsync(demo, list);

        var results = await Task.WhenAll(DialAsync(demo, SignedIn.Boris, task), DialAsync(demo, SignedIn.Vera, task));

        Assert.Single(_dialer.Calls);
        Assert.Single(results, r => r.Result is Accepted<DialStartedDto>);
        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(Assert.Single(results, r => r.Result is ProblemHttpResult).Result).StatusCode);
        var row = await demo.Provider.InScopeAsync(db => db.CallTasks.AsNoTracking().SingleAsync(t => t.Id == task));
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task Dial_EngineRefuses_TaskLeftAsItWas()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods");
        var task = await TaskIdAsync(demo, list);
        _dialer.Refusal = "1003 is not registered";

        var result = await DialAsync(demo, SignedIn.Vera, task);

        Assert.IsType<ProblemHttpResult>(result.Result);
        var row = await demo.Provider.InScopeAsync(db => db.CallTasks.AsNoTracking().SingleAsync(t => t.Id == task));
        Assert.Equal((CallTaskStatus.Pending, 0, (Guid?)null), (row.Status, row.Attempts, row.AssignedStaffId));
    }

    [Fact]
    public async Task Result_NoAnswerUpToMaxAttempts_RetriedAfterDelayThenFailedAndReportedToTheHead()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var demo = await StartAsync(time);
        var list = await ListAsync(demo, "Arbat Foods");
        var task = await TaskIdAsync(demo, list);
        await DialAsync(demo, SignedIn.Vera, task);

        var first = Ok(await ResultAsync(demo, task, new CallTaskResultRequest("no-answer", null, null, null)));
        var tooEarly = await NextAsync(demo, SignedIn.Vera, list);
        time.Advance(TimeSpan.FromMinutes(31));
        var again = await NextAsync(demo, SignedIn.Vera, list);
        await DialAsync(demo, SignedIn.Vera, task);
        var last = Ok(await ResultAsync(demo, task, new CallTaskResultRequest("busy", "line busy twice", null, null)));

        Assert.Equal(("pending", 1), (first.Status, first.Attempts));
        Assert.Equal(time.GetUtcNow().AddMinutes(-1), first.NextAttemptAt);
        Assert.IsType<NoContent>(tooEarly.Result);
        Assert.Equal(task, Assert.IsType<Ok<CallTaskPreviewDto>>(again.Result).Value!.TaskId);
        Assert.Equal(("failed", "busy", 2), (last.Status, last.Result, last.Attempts));
        var reported = await CompletedEventsAsync(demo);
        var completed = Assert.Single(reported);
        Assert.Equal(("3001", "Failed", "Busy", 2, "1003", "line busy twice"),
            (completed.HeadExtension, completed.Status, completed.Result, completed.Attempts, completed.OperatorExtension, completed.Notes));
    }

    [Fact]
    public async Task Result_CallBackLater_KeptForTheSameOperatorUntilThatTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var demo = await StartAsync(time);
        var list = await ListAsync(demo, "Arbat Foods", operators: ["1003", "1001"]);
        var task = await TaskIdAsync(demo, list);
        await DialAsync(demo, SignedIn.Vera, task);

        var noTime = await ResultAsync(demo, task, new CallTaskResultRequest("call-back-later", null, null, null));
        var later = Ok(await ResultAsync(demo, task, new CallTaskResultRequest("call-back-later", null, time.GetUtcNow().AddHours(2), null)));
        time.Advance(TimeSpan.FromHours(3));
        var anna = await NextAsync(demo, SignedIn.Anna, list);
        var vera = await NextAsync(demo, SignedIn.Vera, list);

        Assert.Equal(["callBackAt"], Assert.IsType<ValidationProblem>(noTime.Result).ProblemDetails.Errors.Keys);
        Assert.Equal("pending", later.Status);
        Assert.IsType<NoContent>(anna.Result);
        Assert.Equal(task, Assert.IsType<Ok<CallTaskPreviewDto>>(vera.Result).Value!.TaskId);
    }

    [Fact]
    public async Task Result_BeforeAnyDial_ConflictAskingToDialFirst()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods");
        var task = await TaskIdAsync(demo, list);
        await NextAsync(demo, SignedIn.Vera, list);

        var result = await ResultAsync(demo, task, new CallTaskResultRequest("reached", null, null, null));

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status409Conflict, problem.StatusCode);
        Assert.Equal("Dial the task first: a result belongs to a call.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task Result_RecordedAgainWithoutANewDial_ConflictAndAttemptsUnchanged()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods");
        var task = await TaskIdAsync(demo, list);
        await DialAsync(demo, SignedIn.Vera, task);
        Ok(await ResultAsync(demo, task, new CallTaskResultRequest("no-answer", null, null, null)));

        var again = await ResultAsync(demo, task, new CallTaskResultRequest("no-answer", null, null, null));

        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(again.Result).StatusCode);
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.CallTasks.Where(t => t.Id == task).Select(t => t.Attempts).SingleAsync()));
    }

    [Fact]
    public async Task DialResultWithDialNext_ProgressiveMode_NextTaskDialledAtOnce()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods", "Volga Trade");
        var started = Assert.IsType<Accepted<DialStartedDto>>((await demo.InScopeAsync<CallTaskDesk, Results<Accepted<DialStartedDto>, NoContent, NotFound, ValidationProblem, ProblemHttpResult>>(
            async desk => DeskHttp.AcceptedOrNoContent(await desk.DialNextAsync(list, SignedIn.Vera, CancellationToken.None), d => $"/api/call-tasks/{d.TaskId}"))).Result).Value!;

        var result = Ok(await ResultAsync(demo, started.TaskId, new CallTaskResultRequest("reached", "ordered next week", null, null, DialNext: true)));

        Assert.Equal("done", result.Status);
        Assert.Equal("+74951000002", result.Next!.Phone);
        Assert.Equal(["+74951000001", "+74951000002"], _dialer.Calls.Select(c => c.Number));
    }

    [Fact]
    public async Task Dial_ClientFlaggedDoNotCallAfterListing_ConflictTaskClosedNothingDialled()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods");
        var task = await TaskIdAsync(demo, list);
        await NextAsync(demo, SignedIn.Vera, list);
        await demo.Provider.InScopeAsync(db => db.Clients.Where(c => c.Name == "Arbat Foods").ExecuteUpdateAsync(s => s.SetProperty(c => c.DoNotCall, true)));

        var result = await DialAsync(demo, SignedIn.Vera, task);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status409Conflict, problem.StatusCode);
        Assert.Equal("Arbat Foods asked not to be called (do-not-call): the task is closed.", problem.ProblemDetails.Detail);
        Assert.Empty(_dialer.Calls);
        Assert.Equal(CallTaskStatus.Failed, await demo.Provider.InScopeAsync(db => db.CallTasks.Where(t => t.Id == task).Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task SetDoNotCall_ClosesOpenTasksAuditedAndClearable()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods", "Volga Trade");
        var arbat = await demo.ClientIdAsync("Arbat Foods");

        var set = await DoNotCallAsync(demo, arbat, true);
        var cleared = await DoNotCallAsync(demo, arbat, false);
        var bad = await DoNotCallAsync(demo, arbat, null);

        Assert.Equal(1, Assert.IsType<Ok<DoNotCallDto>>(set.Result).Value!.TasksClosed);
        Assert.False(Assert.IsType<Ok<DoNotCallDto>>(cleared.Result).Value!.DoNotCall);
        Assert.Equal(["doNotCall"], Assert.IsType<ValidationProblem>(bad.Result).ProblemDetails.Errors.Keys);
        Assert.Equal(["doNotCall=false;tasksClosed=0;reason=test", "doNotCall=true;tasksClosed=1;reason=test"],
            await demo.Provider.InScopeAsync(db => db.Audit.Where(a => a.EntityType == "client" && a.EntityId == arbat.ToString())
                .OrderByDescending(a => a.Id).Select(a => a.Details!).ToListAsync()));
        Assert.Equal("DoNotCall", Assert.Single(await CompletedEventsAsync(demo)).Result);
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.CallTasks.CountAsync(t => t.CallListId == list && t.Status == CallTaskStatus.Pending)));
    }

    [Fact]
    public async Task Progress_OtherHeadForbidden_OwnHeadSeesCountsAndResults()
    {
        await using var demo = await StartAsync();
        var list = await ListAsync(demo, "Arbat Foods", "Volga Trade");
        var task = await TaskIdAsync(demo, list);
        await DialAsync(demo, SignedIn.Vera, task);
        await ResultAsync(demo, task, new CallTaskResultRequest("wrong-number", "not their number any more", null, null));

        var other = await demo.InScopeAsync<CallListReports, Results<Ok<CallListProgressDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async r => DeskHttp.Ok(await r.ProgressAsync(list, SignedIn.OtherHead, CancellationToken.None)));
        var own = await demo.InScopeAsync<CallListReports, Results<Ok<CallListProgressDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async r => DeskHttp.Ok(await r.ProgressAsync(list, SignedIn.Head, CancellationToken.None)));

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsType<ProblemHttpResult>(other.Result).StatusCode);
        var progress = Assert.IsType<Ok<CallListProgressDto>>(own.Result).Value!;
        Assert.Equal((2, 1, 0, 0, 1), (progress.Total, progress.Pending, progress.InProgress, progress.Done, progress.Failed));
        Assert.Equal(1, progress.Results["wrong-number"]);
        Assert.Equal(("Arbat Foods", "1003", "not their number any more"), (progress.Tasks[0].Client, progress.Tasks[0].Operator, progress.Tasks[0].Notes));
    }

    internal async Task<DemoScenario> StartAsync(FakeTimeProvider? time = null) =>
        await DemoScenario.StartAsync(fixture, services =>
        {
            services.AddSingleton<IOutboundDialer>(_dialer);
            if (time is not null)
            {
                services.AddSingleton<TimeProvider>(time);
            }
        });

    internal static async Task<Guid> ListAsync(DemoScenario demo, params string[] clients) => await ListAsync(demo, clients, null);

    internal static async Task<Guid> ListAsync(DemoScenario demo, string[] clients, List<string>? operators, List<SurveyQuestionRequest>? questions = null)
    {
        var tasks = new List<CallTaskRequest>();
        foreach (var client in clients)
        {
            tasks.Add(new CallTaskRequest(await demo.ClientIdAsync(client), null));
        }

        var result = await CallListDeskTests.CreateAsync(demo, CallListDeskTests.Request(tasks, questions, operators: operators ?? ["1003"]));
        return Assert.IsType<Created<CallListDto>>(result.Result).Value!.Id;
    }

    private static Task<Guid> ListAsync(DemoScenario demo, string client, List<string> operators) => ListAsync(demo, [client], operators);

    internal static Task<Guid> TaskIdAsync(DemoScenario demo, Guid list, int position = 1) =>
        demo.Provider.InScopeAsync(db => db.CallTasks.Where(t => t.CallListId == list && t.Position == position).Select(t => t.Id).SingleAsync());

    internal static Task<Results<Ok<CallTaskPreviewDto>, NoContent, NotFound, ValidationProblem, ProblemHttpResult>> NextAsync(DemoScenario demo, System.Security.Claims.ClaimsPrincipal user, Guid list) =>
        demo.InScopeAsync<CallTaskDesk, Results<Ok<CallTaskPreviewDto>, NoContent, NotFound, ValidationProblem, ProblemHttpResult>>(async desk => DeskHttp.OkOrNoContent(await desk.NextAsync(list, user, CancellationToken.None)));

    internal static Task<Results<Accepted<DialStartedDto>, NotFound, ValidationProblem, ProblemHttpResult>> DialAsync(DemoScenario demo, System.Security.Claims.ClaimsPrincipal user, Guid task) =>
        demo.InScopeAsync<CallTaskDesk, Results<Accepted<DialStartedDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async desk => DeskHttp.Accepted(await desk.DialAsync(task, user, CancellationToken.None), d => $"/api/call-tasks/{d.TaskId}"));

    internal static Task<Results<Ok<CallTaskResultDto>, NotFound, ValidationProblem, ProblemHttpResult>> ResultAsync(DemoScenario demo, Guid task,
        CallTaskResultRequest request) =>
        demo.InScopeAsync<CallTaskDesk, Results<Ok<CallTaskResultDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async desk => DeskHttp.Ok(await desk.RecordResultAsync(task, request, SignedIn.Vera, CancellationToken.None)));

    internal static CallTaskResultDto Ok(Results<Ok<CallTaskResultDto>, NotFound, ValidationProblem, ProblemHttpResult> result) =>
        result.Result is Ok<CallTaskResultDto> ok ? ok.Value! : throw new Xunit.Sdk.XunitException($"Expected 200, got {result.Result}: " +
            (result.Result as ValidationProblem)?.ProblemDetails.Errors.Select(e => e.Key + ": " + string.Join(" ", e.Value)).FirstOrDefault()
            + (result.Result as ProblemHttpResult)?.ProblemDetails.Detail);

    private static Task<Results<Ok<DoNotCallDto>, NotFound, ValidationProblem, ProblemHttpResult>> DoNotCallAsync(DemoScenario demo, Guid client, bool? flag) =>
        demo.InScopeAsync<IServiceProvider, Results<Ok<DoNotCallDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async sp =>
            DeskHttp.Ok(await sp.GetRequiredService<DoNotCallDesk>().SetAsync(client, new DoNotCallRequest(flag, "test"), SignedIn.Head,
                sp.GetRequiredService<CallTaskEvents>(), CancellationToken.None)));

    private static Task<List<CallTaskCompleted>> CompletedEventsAsync(DemoScenario demo) =>
        demo.Provider.InScopeAsync(async db => (await db.Outbox.Where(m => m.MessageType == typeof(CallTaskCompleted).FullName).OrderBy(m => m.CreatedAt).ToListAsync())
            .Select(m => JsonSerializer.Deserialize<CallTaskCompleted>(m.Payload, Outbox.OutboxMessageTypes.JsonOptions)!).ToList());
}
