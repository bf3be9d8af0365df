using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.CallLog;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Recordings;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class RecordingTests(CrmDatabaseFixture fixture) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-rec-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Search_EachFilter_FindsOnlyTheMatchingRecordingWithItsParties()
    {
        await using var demo = await StartAsync();
        var corner = await LogCallAsync(demo, "+74951000003", "Corner Shop", "1001", "operators", T0, disposition: "order", orderNumber: true);
        var arbat = await LogCallAsync(demo, "+74951000001", "Arbat Foods", "2001", null, T0.AddDays(2), disposition: "info");

        var byClient = await SearchAsync(demo, SignedIn.Admin, client: "corner");
        var byAgent = await SearchAsync(demo, SignedIn.Admin, agent: "2001");
        var byQueue = await SearchAsync(demo, SignedIn.Admin, queue: "operators");
        var byDisposition = await SearchAsync(demo, SignedIn.Admin, disposition: "info");
        var byOrder = await SearchAsync(demo, SignedIn.Admin, order: corner.OrderNumber!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var byDate = await SearchAsync(demo, SignedIn.Admin, from: "2026-11-21", to: "2026-11-22");

        var found = Assert.Single(byClient.Items);
        Assert.Equal((corner.CallId, "Corner Shop", "1001", "Anna Petrova", "operators", "order", 42.5, "+74951000003"),
            (found.CallId, found.ClientName, found.Agent, found.AgentName, found.Queue, found.Disposition, found.DurationSeconds, found.CallerNumber));
        Assert.Equal([corner.OrderNumber.Value], found.OrderNumbers);
        Assert.Equal([arbat.CallId], byAgent.Items.Select(r => r.CallId));
        Assert.Equal([corner.CallId], byQueue.Items.Select(r => r.CallId));
        Assert.Equal([arbat.CallId], byDisposition.Items.Select(r => r.CallId));
        Assert.Equal([corner.CallId], byOrder.Items.Select(r => r.CallId));
        Assert.Equal([arbat.CallId], byDate.Items.Select(r => r.CallId));
    }

    [Fact]
    public async Task Search_DepartmentHead_SeesCallsOfTheirStaffAndTheirManagersClientsOnly()
    {
        await using var demo = await StartAsync();
        var corner = await LogCallAsync(demo, "+74951000003", "Corner Shop", "1001", "operators", T0); // manager 2101: sales-support
        var arbat = await LogCallAsync(demo, "+74951000001", "Arbat Foods", "2001", null, T0.AddMinutes(5)); // wholesale

        var wholesale = await SearchAsync(demo, SignedIn.Head);
        var salesSupport = await SearchAsync(demo, SignedIn.OtherHead);
        var admin = await SearchAsync(demo, SignedIn.Admin);
        var hidden = await demo.InScopeAsync(services => RecordingEndpoints.GetAsync(corner.CallId, services.GetRequiredService<RecordingCatalogue>(),
            services.GetRequiredService<CrmDbContext>(), SignedIn.Head, CancellationToken.None));

        Assert.Equal([arbat.CallId], wholesale.Items.Select(r => r.CallId));
        Assert.Equal([corner.CallId], salesSupport.Items.Select(r => r.CallId));
        Assert.Equal(2, admin.Total);
        Assert.IsType<NotFound>(hidden.Result);
    }

    [Fact]
    public async Task Audio_PlayFromTheStart_ServedWithRangesAndAuditedOnceAndShown()
    {
        await using var demo = await StartAsync();
        var call = await LogCallAsync(demo, "+74951000003", "Corner Shop", "1001", "operators", T0);

        var play = await AudioAsync(demo, call.CallId, SignedIn.OtherHead, download: null, range: "bytes=0-");
        var seek = await AudioAsync(demo, call.CallId, SignedIn.OtherHead, download: null, range: "bytes=2000-");
        var detail = await DetailAsync(demo, call.CallId, SignedIn.OtherHead);

        var file = Assert.IsType<PhysicalFileHttpResult>(play);
        Assert.Equal((call.Path, "audio/wav", true, (string?)null), (file.FileName, file.ContentType, file.EnableRangeProcessing, file.FileDownloadName));
        Assert.IsType<PhysicalFileHttpResult>(seek);
        var access = Assert.Single(detail.Access);
        Assert.Equal(("3002", "play", 1, false), (access.UserName, access.Action, detail.Recording.Plays, detail.CanDownload));
    }

    [Fact]
    public async Task Audio_Download_HeadRefusedAdminAudited()
    {
        await using var demo = await StartAsync();
        var call = await LogCallAsync(demo, "+74951000003", "Corner Shop", "1001", "operators", T0);

        var head = await AudioAsync(demo, call.CallId, SignedIn.OtherHead, download: true, range: null);
        var admin = await AudioAsync(demo, call.CallId, SignedIn.Admin, download: true, range: null);
        var detail = await DetailAsync(demo, call.CallId, SignedIn.Admin);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsType<ProblemHttpResult>(head).StatusCode);
        Assert.Equal($"call-{call.CallId}.wav", Assert.IsType<PhysicalFileHttpResult>(admin).FileDownloadName);
        Assert.Equal([("admin", "download")], detail.Access.Select(a => (a.UserName, a.Action)));
        Assert.Equal((0, 1, true), (detail.Recording.Plays, detail.Recording.Downloads, detail.CanDownload));
    }

    [Fact]
    public async Task Audio_FileOutsideTheRecordingFolder_NotServed()
    {
        await using var demo = await StartAsync();
        var outside = Path.Combine(Path.GetTempPath(), $"cc-outside-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(outside, new byte[100]);
        try
        {
            var call = await LogCallAsync(demo, "+74951000003", "Corner Shop", "1001", "operators", T0, path: outside);

            var result = await AudioAsync(demo, call.CallId, SignedIn.Admin, download: null, range: null);

            Assert.Equal(StatusCodes.Status404NotFound, Assert.IsType<ProblemHttpResult>(result).StatusCode);
            Assert.Empty((await DetailAsync(demo, call.CallId, SignedIn.Admin)).Access);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task Retention_PastThePeriod_FileDeletedRowMarkedAuditedAndPlayRefused()
    {
        var time = new FakeTimeProvider(T0);
        await using var demo = await StartAsync(time);
        var old = await LogCallAsync(demo, "+74951000003", "Corner Shop", "1001", "operators", T0);
        var recent = await LogCallAsync(demo, "+74951000003", "Corner Shop", "1001", "operators", T0.AddDays(20));
        time.SetUtcNow(T0.AddDays(30).AddMinutes(1));

        var deleted = await demo.Provider.GetRequiredService<RecordingRetention>().SweepAsync(CancellationToken.None);
        var play = await AudioAsync(demo, old.CallId, SignedIn.Admin, download: null, range: null);
        var detail = await DetailAsync(demo, old.CallId, SignedIn.Admin);

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(old.Path));
        Assert.True(File.Exists(recent.Path));
        Assert.True(detail.Recording.Deleted);
        Assert.Equal([("retention", "delete")], detail.Access.Select(a => (a.UserName, a.Action)));
        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(play).StatusCode);
        Assert.Equal(0, await demo.Provider.GetRequiredService<RecordingRetention>().SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CallLog_RecordingReportedTwice_OneCatalogueRowWithTheLaterFile()
    {
        await using var demo = await StartAsync();
        var call = await LogCallAsync(demo, "+74951000003", "Corner Shop", "1001", "operators", T0);
        var second = Path.Combine(_folder, "second.wav");

        await ApplyAsync(demo, new RecordingAvailable(Guid.NewGuid(), call.CallId, 9, T0.AddMinutes(1), second, TimeSpan.FromSeconds(3)));

        var row = Assert.Single(await demo.Provider.InScopeAsync(db => db.Recordings.Where(r => r.CallId == call.CallId).ToListAsync()));
        Assert.Equal((second, TimeSpan.FromSeconds(3)), (row.Path, row.Duration));
    }

    [Theory]
    [InlineData("12a", null, null, "order")]
    [InlineData(null, "yesterday", null, "from")]
    [InlineData(null, "2026-11-20", "2026-11-19", "to")]
    public async Task Search_BadFilter_BadRequestNamingTheField(string? order, string? from, string? to, string field)
    {
        await using var demo = await StartAsync();

        var result = await demo.InScopeAsync(services => RecordingEndpoints.SearchAsync(from, to, null, null, null, null, null, order, null, null,
            services.GetRequiredService<RecordingCatalogue>(), services.GetRequiredService<CrmDbContext>(), SignedIn.Admin, CancellationToken.None));

        Assert.Equal([field], Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors.Keys);
    }

    private Task<DemoScenario> StartAsync(TimeProvider? time = null) => DemoScenario.StartAsync(fixture, services =>
    {
        services.Configure<RecordingOptions>(o =>
        {
            o.Directory = _folder;
            o.RetentionDays = 30;
        });
        if (time is not null)
        {
            services.AddSingleton(time);
        }
    });

    private sealed record LoggedCall(Guid CallId, string Path, long? OrderNumber);

    /// <summary>A call answered by <paramref name="agent"/> and recorded (42.5 s) through the call log's writer, with a disposition and an order if asked.</summary>
    private async Task<LoggedCall> LogCallAsync(DemoScenario demo, string caller, string client, string agent, string? queue, DateTimeOffset at,
        string? disposition = null, bool orderNumber = false, string? path = null)
    {
        var callId = Guid.NewGuid();
        var clientId = await demo.ClientIdAsync(client);
        path ??= Path.Combine(_folder, $"{callId}.wav");
        if (!File.Exists(path))
        {
            await File.WriteAllBytesAsync(path, new byte[4000]);
        }

        var events = new List<object>
        {
            new CallReceived(Guid.NewGuid(), callId, 1, at, CallDirection.Inbound, caller, "7000", caller),
            new CallClassified(Guid.NewGuid(), callId, 2, at, clientId, "retail", "operators", null, "{}"),
        };
        if (queue is not null)
        {
            events.Add(new CallQueued(Guid.NewGuid(), callId, 3, at, queue, 1));
        }

        events.Add(new CallAnswered(Guid.NewGuid(), callId, 4, at.AddSeconds(5), agent, caller));
        events.Add(new RecordingAvailable(Guid.NewGuid(), callId, 5, at.AddSeconds(48), path, TimeSpan.FromSeconds(42.5)));
        events.Add(new CallEnded(Guid.NewGuid(), callId, 6, at.AddSeconds(48), CallEndedBy.Caller, "caller hung up"));
        await ApplyAsync(demo, [.. events]);
        long? number = null;
        await demo.Provider.InScopeAsync(async db =>
        {
            var call = await db.Calls.SingleAsync(c => c.Id == callId);
            call.Disposition = disposition;
            if (orderNumber)
            {
                var order = new Order { Id = Guid.NewGuid(), ClientId = clientId, CallId = callId, CreatedAt = at, Status = OrderStatus.Draft };
                db.Orders.Add(order);
                await db.SaveChangesAsync();
                number = order.Number;
            }

            return await db.SaveChangesAsync();
        });
        return new LoggedCall(callId, path, number);
    }

    internal static Task ApplyAsync(DemoScenario demo, params object[] events) => demo.InScopeAsync<CallLogWriter, bool[]>(writer => Task.FromResult(
        writer.ApplyBatch(events.Select(e => new CallEventEnvelope(e, (Guid)e.GetType().GetProperty("EventId")!.GetValue(e)!,
            (Guid)e.GetType().GetProperty("CallId")!.GetValue(e)!, (int)e.GetType().GetProperty("Sequence")!.GetValue(e)!,
            (DateTimeOffset)e.GetType().GetProperty("OccurredAt")!.GetValue(e)!)).ToList())));

    private static async Task<RecordingPageDto> SearchAsync(DemoScenario demo, System.Security.Claims.ClaimsPrincipal user, string? client = null,
        string? agent = null, string? queue = null, string? disposition = null, string? order = null, string? from = null, string? to = null)
    {
        var result = await demo.InScopeAsync(services => RecordingEndpoints.SearchAsync(from, to, client, null, agent, queue, disposition, order, null, null,
            services.GetRequiredService<RecordingCatalogue>(), services.GetRequiredService<CrmDbContext>(), user, CancellationToken.None));
        return Assert.IsType<Ok<RecordingPageDto>>(result.Result).Value!;
    }

    private static async Task<RecordingDetailDto> DetailAsync(DemoScenario demo, Guid callId, System.Security.Claims.ClaimsPrincipal user)
    {
        var result = await demo.InScopeAsync(services => RecordingEndpoints.GetAsync(callId, services.GetRequiredService<RecordingCatalogue>(),
            services.GetRequiredService<CrmDbContext>(), user, CancellationToken.None));
        return Assert.IsType<Ok<RecordingDetailDto>>(result.Result).Value!;
    }

    private static Task<IResult> AudioAsync(DemoScenario demo, Guid callId, System.Security.Claims.ClaimsPrincipal user, bool? download, string? range)
    {
        var request = new DefaultHttpContext().Request;
        if (range is not null)
        {
            request.Headers.Range = range;
        }

        return demo.InScopeAsync(services => RecordingEndpoints.AudioAsync(callId, download, request, services.GetRequiredService<RecordingCatalogue>(),
            services.GetRequiredService<CrmDbContext>(), user, CancellationToken.None));
    }
}
