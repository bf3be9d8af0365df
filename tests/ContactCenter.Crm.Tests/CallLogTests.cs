using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Model;
using ContactCenter.TestKit;
using MassTransit.Testing;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class CallLogTests(CrmDatabaseFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static object[] AnsweredCall(Guid callId) =>
    [
        new CallReceived(Guid.NewGuid(), callId, 1, T0, CallDirection.Inbound, "84951000001", "7000", "+74951000001"),
        new CallClassified(Guid.NewGuid(), callId, 2, T0.AddSeconds(1), null, "key", "key-client", null, """{"rule":"key-client","tried":["2001"]}"""),
        new CallOffered(Guid.NewGuid(), callId, 3, T0.AddSeconds(1), "2001"),
        new CallAnswered(Guid.NewGuid(), callId, 4, T0.AddSeconds(6), "2001", "+74951000001"),
        new RecordingAvailable(Guid.NewGuid(), callId, 5, T0.AddSeconds(95), "/var/rec/a.wav", TimeSpan.FromSeconds(89)),
        new CallEnded(Guid.NewGuid(), callId, 6, T0.AddSeconds(95), CallEndedBy.Caller, "caller hung up"),
    ];

    [Fact]
    public async Task CallEvents_InOrder_ProduceOneCompleteRecord()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        var harness = await StartAsync(provider);
        var callId = Guid.NewGuid();

        foreach (var evt in AnsweredCall(callId))
        {
            await harness.Bus.Publish(evt);
        }

        var call = await WaitForTimelineAsync(provider, callId, 6);
        Assert.Equal("answered", call.Outcome);
        Assert.Equal("2001", call.AnsweredBy);
        Assert.Equal(T0.AddSeconds(6), call.AnsweredAt);
        Assert.Equal(CallEndedBy.Caller, call.EndedBy);
        Assert.Equal("+74951000001", call.CallerE164);
        Assert.Equal("key-client", call.RuleName);
        Assert.Equal("/var/rec/a.wav", call.RecordingPath);
        Assert.Equal(6, call.Timeline.Count);
    }

    [Fact]
    public async Task RecordingAvailable_PartialOrMissing_TheRecordSaysWhyAndOnlyAKeptFileIsCatalogued()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        var harness = await StartAsync(provider);
        var (partialId, missingId) = (Guid.NewGuid(), Guid.NewGuid());
        var partial = new RecordingAvailable(Guid.NewGuid(), partialId, 5, T0.AddSeconds(95), "/var/rec/p.wav", TimeSpan.FromSeconds(12))
        {
            Problem = "recording stopped after 12 s: No space left on device",
            File = RecordingFileState.Partial,
        };
        var missing = new RecordingAvailable(Guid.NewGuid(), missingId, 5, T0.AddSeconds(95), "", TimeSpan.Zero)
        {
            Problem = "not recorded: only 3 MiB free on the recordings volume",
            File = RecordingFileState.Missing,
        };

        foreach (var evt in AnsweredCall(partialId).Select(e => e is RecordingAvailable ? partial : e)
            .Concat(AnsweredCall(missingId).Select(e => e is RecordingAvailable ? missing : e)))
        {
            await harness.Bus.Publish(evt);
        }

        var partialCall = await WaitForTimelineAsync(provider, partialId, 6);
        var missingCall = await WaitForTimelineAsync(provider, missingId, 6);
        Assert.Equal("/var/rec/p.wav", partialCall.RecordingPath);
        Assert.Equal("recording stopped after 12 s: No space left on device", partialCall.RecordingProblem);
        Assert.Null(missingCall.RecordingPath);
        Assert.Equal("not recorded: only 3 MiB free on the recordings volume", missingCall.RecordingProblem);
        Assert.Equal("answered", missingCall.Outcome);
        var catalogued = await provider.InScopeAsync(db => db.Recordings.Where(r => r.CallId == partialId || r.CallId == missingId).Select(r => r.CallId).ToListAsync());
        Assert.Equal([partialId], catalogued);
    }

    [Fact]
    public async Task CallEvent_Redelivered_IsStoredOnce()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        var harness = await StartAsync(provider);
        var callId = Guid.NewGuid();
        var events = AnsweredCall(callId);

        foreach (var evt in events.Concat(events))
        {
            await harness.Bus.Publish(evt);
        }

        await CrmTestServices.EventuallyAsync(async () => await harness.Consumed.SelectAsync<object>().Count() >= 12);
        var call = await WaitForTimelineAsync(provider, callId, 6);
        Assert.Equal(6, call.Timeline.Count);
        Assert.Equal("answered", call.Outcome);
    }

    [Fact]
    public async Task CallEvents_Reordered_GiveTheSameRecordAsInOrder()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        var harness = await StartAsync(provider);
        var callId = Guid.NewGuid();

        var inOrderId = Guid.NewGuid();
        foreach (var evt in AnsweredCall(inOrderId))
        {
            await harness.Bus.Publish(evt);
        }

        foreach (var evt in AnsweredCall(callId).Reverse())
        {
            await harness.Bus.Publish(evt);
        }

        var inOrder = await WaitForTimelineAsync(provider, inOrderId, 6);
        var call = await WaitForTimelineAsync(provider, callId, 6);
        Assert.Equal("answered", call.Outcome);
        Assert.Equal("2001", call.AnsweredBy);
        Assert.Equal(T0, call.ReceivedAt);
        Assert.Equal(T0.AddSeconds(95), call.EndedAt);
        Assert.Equal("84951000001", call.CallerNumber);
        Assert.Equal(6, call.LastSequence);
        Assert.Equal(Summary(inOrder), Summary(call));
    }

    [Fact]
    public async Task TransferredCall_TransferArrivesLast_CountsTheTransferOnce()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        var harness = await StartAsync(provider);
        var callId = Guid.NewGuid();
        object[] events =
        [
            new CallReceived(Guid.NewGuid(), callId, 1, T0, CallDirection.Inbound, "84951000001", "7000", "+74951000001"),
            new CallAnswered(Guid.NewGuid(), callId, 2, T0.AddSeconds(5), "1001", "+74951000001"),
            new CallTransferred(Guid.NewGuid(), callId, 3, T0.AddSeconds(40), TransferKind.Blind, "1001", "2001", "key client"),
            new CallAnswered(Guid.NewGuid(), callId, 4, T0.AddSeconds(45), "2001", "+74951000001"),
            new CallEnded(Guid.NewGuid(), callId, 5, T0.AddSeconds(95), CallEndedBy.Caller, "caller hung up"),
        ];

        // In order up to the answer, then the end before the transfer: the transfer, last to arrive, is applied by a recompute.
        var arrived = 0;
        foreach (var index in new[] { 0, 1, 3, 4, 2 })
        {
            await harness.Bus.Publish(events[index]);
            await WaitForTimelineAsync(provider, callId, ++arrived); // one batch each
        }

        var call = await WaitForTimelineAsync(provider, callId, 5);
        Assert.Equal(1, call.TransferCount);
        Assert.Equal("2001", call.AnsweredBy);
        Assert.Equal(T0.AddSeconds(5), call.AnsweredAt);
        Assert.Equal(5, call.LastSequence);
    }

    [Fact]
    public async Task CallEnded_ByCallerBeforeAnswer_IsAbandoned()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        var harness = await StartAsync(provider);
        var callId = Guid.NewGuid();

        await harness.Bus.Publish(new CallReceived(Guid.NewGuid(), callId, 1, T0, CallDirection.Inbound, "84951000003", "7000", "+74951000003"));
        await harness.Bus.Publish(new CallQueued(Guid.NewGuid(), callId, 2, T0, "operators", 3));
        await harness.Bus.Publish(new CallEnded(Guid.NewGuid(), callId, 3, T0.AddSeconds(40), CallEndedBy.Caller, "caller hung up"));

        var call = await WaitForTimelineAsync(provider, callId, 3);
        Assert.Equal("abandoned", call.Outcome);
        Assert.Equal("operators", call.QueueName);
        Assert.Null(call.AnsweredBy);
    }

    [Fact]
    public async Task ManyCallsAtOnce_AreWrittenInGroups_AndEveryRecordIsComplete()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        var harness = await StartAsync(provider);
        using var batches = new MetricCollector<int>(provider.GetRequiredService<IMeterFactory>(), CrmMetrics.MeterName, "contactcenter.crm.call_log.batch_size");
        var callIds = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        var events = callIds.SelectMany(AnsweredCall).ToList();
        Shuffle(events, new Random(7));

        await Task.WhenAll(events.Select(e => harness.Bus.Publish(e)));

        foreach (var callId in callIds)
        {
            var call = await WaitForTimelineAsync(provider, callId, 6);
            Assert.Equal("answered", call.Outcome);
            Assert.Equal("2001", call.AnsweredBy);
            Assert.Equal(T0.AddSeconds(95), call.EndedAt);
            Assert.Equal("/var/rec/a.wav", call.RecordingPath);
        }

        var sizes = batches.GetMeasurementSnapshot().Select(m => m.Value).ToList();
        Assert.Equal(240, sizes.Sum());
        Assert.True(sizes.Count < 240, $"240 events took {sizes.Count} transactions: no grouping");
    }

    [Fact]
    public async Task EventTheDatabaseRefuses_DoesNotHoldBackTheOthersInItsBatch()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        await provider.InScopeAsync(db => db.Database.ExecuteSqlRawAsync(
            "ALTER TABLE call_events ADD CONSTRAINT refuse_poison CHECK (data->>'reason' IS DISTINCT FROM 'poison')"));
        var harness = await StartAsync(provider);
        var good = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        var poisoned = Guid.NewGuid();
        var events = good.SelectMany(AnsweredCall)
            .Append(new CallEnded(Guid.NewGuid(), poisoned, 2, T0, CallEndedBy.Caller, "poison"))
            .ToList();

        await Task.WhenAll(events.Select(e => harness.Bus.Publish(e)));

        foreach (var callId in good)
        {
            Assert.Equal("answered", (await WaitForTimelineAsync(provider, callId, 6)).Outcome);
        }

        // The refused event is not dropped silently: its consumer faults, so the bus retries it and then keeps it in the error queue.
        Assert.True(await harness.Published.Any<MassTransit.Fault<CallEnded>>());
        Assert.Equal(0, await provider.InScopeAsync(db => db.CallTimeline.CountAsync(e => e.CallId == poisoned)));
    }

    [Fact]
    public async Task EventWithUnknownClientOrNulCharacter_IsStillLogged()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        var harness = await StartAsync(provider);
        var callId = Guid.NewGuid();

        await harness.Bus.Publish(new CallReceived(Guid.NewGuid(), callId, 1, T0, CallDirection.Inbound, "8495\01000099", "7000", null));
        await harness.Bus.Publish(new CallClassified(Guid.NewGuid(), callId, 2, T0, Guid.NewGuid(), "retail", "operator-queue", null, "{}"));
        await harness.Bus.Publish(new CallEnded(Guid.NewGuid(), callId, 3, T0.AddSeconds(3), CallEndedBy.Caller, "hung up\0"));

        var call = await WaitForTimelineAsync(provider, callId, 3);
        Assert.Null(call.ClientId); // a client deleted since routing: no dangling reference, the timeline keeps the id
        Assert.Equal("operator-queue", call.RuleName);
        Assert.Equal("abandoned", call.Outcome);
    }

    [Fact]
    public async Task PlacedCall_ClassifiedWithoutAClient_IsTheDialledNumbersClientsCall()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        var harness = await StartAsync(provider);
        var number = "+7495" + Random.Shared.Next(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var owner = Guid.NewGuid();
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Persistence.CrmDbContext>();
            var type = new ClientType { Id = Guid.NewGuid(), Code = "t" + owner.ToString("N")[..8], Name = "Shops" };
            db.Clients.Add(new Client { Id = owner, Name = "Placed-call client", ClientType = type, Phones = [new ClientPhone { E164 = number }] });
            await db.SaveChangesAsync();
        }

        var callId = Guid.NewGuid();

        await harness.Bus.Publish(new CallReceived(Guid.NewGuid(), callId, 1, T0, CallDirection.Outbound, "1001", number, number));
        await harness.Bus.Publish(new CallClassified(Guid.NewGuid(), callId, 2, T0, null, null, "click-to-call", null, "{}"));
        await harness.Bus.Publish(new CallEnded(Guid.NewGuid(), callId, 3, T0.AddSeconds(3), CallEndedBy.Agent, "agent hung up"));

        var call = await WaitForTimelineAsync(provider, callId, 3);
        Assert.Equal(owner, call.ClientId);
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Every summary field of a call record (not its id), for comparing two records.</summary>
    private static object Summary(CallRecord c) => (
        (c.Direction, c.CallerNumber, c.CallerE164, c.DialedNumber, c.ClientId, c.RuleName, c.RoutingTrace, c.MenuChoice),
        (c.QueueName, c.ReceivedAt, c.AnsweredAt, c.EndedAt, c.AnsweredBy, c.EndedBy, c.EndReason),
        (c.Outcome, c.RecordingPath, c.RecordingProblem, c.TransferCount, c.LastSequence, c.Timeline.Count));

    private static async Task<ITestHarness> StartAsync(IServiceProvider provider)
    {
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return harness;
    }

    private static async Task<CallRecord> WaitForTimelineAsync(IServiceProvider provider, Guid callId, int events)
    {
        CallRecord? call = null;
        await CrmTestServices.EventuallyAsync(async () =>
        {
            call = await provider.InScopeAsync(db => db.Calls.AsNoTracking().Include(c => c.Timeline).SingleOrDefaultAsync(c => c.Id == callId));
            return call?.Timeline.Count >= events;
        });
        return call!;
    }
}
