using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Model;
using ContactCenter.TestKit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>Every summary field of a call record (not its id), for comparing two records.</summary>
    private static object Summary(CallRecord c) => (
        (c.Direction, c.CallerNumber, c.CallerE164, c.DialedNumber, c.ClientId, c.RuleName, c.RoutingTrace, c.MenuChoice),
        (c.QueueName, c.ReceivedAt, c.AnsweredAt, c.EndedAt, c.AnsweredBy, c.EndedBy, c.EndReason),
        (c.Outcome, c.RecordingPath, c.TransferCount, c.LastSequence, c.Timeline.Count));

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
