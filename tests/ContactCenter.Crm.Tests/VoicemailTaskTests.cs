using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Dialing;
using ContactCenter.Crm.Outbound;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Recordings;
using ContactCenter.TestKit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Crm.Tests;

/// <summary>
/// An after-hours voicemail (issue #18) becomes one call-back task for its queue, due when the queue opens: worked by the
/// queue's members on the desk's call-list queue with the message playable through the recordings endpoint.
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class VoicemailTaskTests(CrmDatabaseFixture fixture) : IDisposable
{
    // Thursday 21:00 in Moscow: the operator queue opens at 08:00 (05:00 UTC) on Friday.
    private static readonly DateTimeOffset LeftAt = new(2026, 11, 26, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Opens = new(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-voicemail-crm-").FullName;
    private readonly FakeDialer _dialer = new();
    private readonly FakeTimeProvider _time = new(LeftAt.AddMinutes(1));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task VoicemailLeft_Redelivered_OneTaskForTheQueueDueAtItsOpening_WithTheCallersClient()
    {
        await using var demo = await StartAsync();
        var harness = demo.Provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var left = Left(Guid.NewGuid());

        await harness.Bus.Publish(left);
        await harness.Bus.Publish(left with { EventId = Guid.NewGuid() });
        await CrmTestServices.EventuallyAsync(async () => await harness.Consumed.SelectAsync<VoicemailLeft>().Count() >= 2);

        var tasks = await demo.Provider.InScopeAsync(db => db.CallTasks.AsNoTracking().Where(t => t.VoicemailCallId == left.CallId).ToListAsync());
        var task = Assert.Single(tasks);
        var list = await demo.Provider.InScopeAsync(db => db.CallLists.AsNoTracking().SingleAsync(l => l.Id == task.CallListId));
        Assert.Equal(("Voicemail: operators", "voicemail", "operators"), (list.Name, list.Purpose, list.Queue));
        Assert.Equal(new[] { await demo.StaffIdAsync("1001"), await demo.StaffIdAsync("1002") }.Order(), list.OperatorIds.Order());
        Assert.Equal((Opens, "+74951000003", await demo.ClientIdAsync("Corner Shop")), (task.NextAttemptAt, task.PhoneE164, task.ClientId));
    }

    [Fact]
    public async Task VoicemailTask_AtTheOpening_MemberPreviewsItWithThePlayer_PlaysIt_CallsBack_Done()
    {
        await using var demo = await StartAsync();
        var harness = demo.Provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var callId = await LogVoicemailCallAsync(demo);
        await harness.Bus.Publish(Left(callId));
        await CrmTestServices.EventuallyAsync(() => demo.Provider.InScopeAsync(db => db.CallTasks.AnyAsync(t => t.VoicemailCallId == callId)));

        var beforeOpening = await CallTaskDeskTests.NextAsync(demo, SignedIn.Anna, await ListIdAsync(demo));
        _time.SetUtcNow(Opens.AddMinutes(1));
        var preview = Assert.IsType<Ok<CallTaskPreviewDto>>((await CallTaskDeskTests.NextAsync(demo, SignedIn.Anna, await ListIdAsync(demo))).Result).Value!;
        var play = await AudioAsync(demo, callId, SignedIn.Anna);
        var notOnTheList = await AudioAsync(demo, callId, SignedIn.Vera);
        Assert.IsType<Accepted<DialStartedDto>>((await CallTaskDeskTests.DialAsync(demo, SignedIn.Anna, preview.TaskId)).Result);
        var result = CallTaskDeskTests.Ok(await demo.InScopeAsync<CallTaskDesk, Results<Ok<CallTaskResultDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async desk => DeskHttp.Ok(await desk.RecordResultAsync(preview.TaskId, new CallTaskResultRequest("reached", "order taken", null, null), SignedIn.Anna,
                CancellationToken.None))));

        Assert.IsType<NoContent>(beforeOpening.Result);
        Assert.Equal(("voicemail", "Corner Shop", "+74951000003"), (preview.Purpose, preview.Client?.Name, preview.Phone));
        Assert.Equal((callId, 3.0, $"/api/recordings/{callId}/audio"), (preview.Voicemail?.CallId, preview.Voicemail?.Seconds, preview.Voicemail?.Audio));
        Assert.EndsWith($"{callId}.wav", Assert.IsType<PhysicalFileHttpResult>(play).FileName, StringComparison.Ordinal);
        Assert.IsType<NotFound>(notOnTheList); // 1003 does not work the queue
        Assert.Equal([("1001", "+74951000003", "call-list")], _dialer.Calls);
        Assert.Equal("done", result.Status);
    }

    private static VoicemailLeft Left(Guid callId) =>
        new(Guid.NewGuid(), callId, 5, LeftAt.AddSeconds(20), "84951000003", "+74951000003", null, "operators", $"/tmp/{callId}.wav",
            TimeSpan.FromSeconds(3), Opens)
        {
            QueueMembers = ["1001", "1002"],
        };

    private static Task<Guid> ListIdAsync(DemoScenario demo) =>
        demo.Provider.InScopeAsync(db => db.CallLists.Where(l => l.Queue == "operators").Select(l => l.Id).SingleAsync());

    private Task<DemoScenario> StartAsync() => DemoScenario.StartAsync(fixture, services =>
    {
        services.AddSingleton<IOutboundDialer>(_dialer);
        services.AddSingleton<TimeProvider>(_time);
        services.Configure<RecordingOptions>(o => o.Directory = _folder);
    }, withHarness: true);

    /// <summary>The call log of an after-hours call: received, classified, the message's recording, ended (no agent answered).</summary>
    private async Task<Guid> LogVoicemailCallAsync(DemoScenario demo)
    {
        var callId = Guid.NewGuid();
        var path = Path.Combine(_folder, $"{callId}.wav");
        await File.WriteAllBytesAsync(path, new byte[4000]);
        await RecordingTests.ApplyAsync(demo,
            new CallReceived(Guid.NewGuid(), callId, 1, LeftAt, CallDirection.Inbound, "84951000003", "7000", "+74951000003"),
            new CallClassified(Guid.NewGuid(), callId, 2, LeftAt, await demo.ClientIdAsync("Corner Shop"), "retail", "operator-queue", null, "{}"),
            new RecordingAvailable(Guid.NewGuid(), callId, 3, LeftAt.AddSeconds(20), path, TimeSpan.FromSeconds(3)),
            new CallEnded(Guid.NewGuid(), callId, 4, LeftAt.AddSeconds(20), CallEndedBy.Caller, "voicemail left (# pressed)"));
        return callId;
    }

    private static Task<IResult> AudioAsync(DemoScenario demo, Guid callId, System.Security.Claims.ClaimsPrincipal user) =>
        demo.InScopeAsync(services => RecordingEndpoints.AudioAsync(callId, null, new DefaultHttpContext().Request,
            services.GetRequiredService<RecordingCatalogue>(), services.GetRequiredService<CrmDbContext>(), user, CancellationToken.None));
}
