using System.Reflection;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Outbox;
using ContactCenter.TestKit;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class OutboxTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Outbox_MessageSavedWithChange_IsPublishedInTheBackgroundAndConsumed()
    {
        // harness.Start() starts the hosted services too, so the real OutboxPublisher runs here.
        await using var provider = await CrmTestServices.CreateAsync(fixture);
        await provider.GetRequiredService<ITestHarness>().Start();
        var callId = Guid.NewGuid();

        await EnqueueAsync(provider, new CallReceived(Guid.NewGuid(), callId, 1, DateTimeOffset.UnixEpoch, CallDirection.Inbound, "84951000001", "7000", "+74951000001"));

        await CrmTestServices.EventuallyAsync(() => provider.InScopeAsync(db => db.Calls.AnyAsync(c => c.Id == callId)));
        await CrmTestServices.EventuallyAsync(() => provider.InScopeAsync(async db => await db.Outbox.CountAsync(m => m.PublishedAt == null) == 0));
        // The number is unknown in this empty database, so the new-caller consumer adds its own messages: look at ours.
        var stored = await provider.InScopeAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.MessageType == typeof(CallReceived).FullName));
        Assert.Null(stored.LastError);
        Assert.NotNull(stored.PublishedAt);
    }

    [Fact]
    public async Task Outbox_BrokerDown_KeepsMessagesInOrderAndPublishesThemLater()
    {
        var broker = new SwitchableBroker();
        await using var provider = await CrmTestServices.CreateAsync(fixture, configure: s => s.AddScoped(_ => broker.Endpoint), withHarness: false);
        var first = new CallReceived(Guid.NewGuid(), Guid.NewGuid(), 1, DateTimeOffset.UnixEpoch, CallDirection.Inbound, "1", "7000", null);
        var second = new CallEnded(Guid.NewGuid(), first.CallId, 2, DateTimeOffset.UnixEpoch, CallEndedBy.Caller, "x");
        await EnqueueAsync(provider, first);
        await EnqueueAsync(provider, second);
        var publisher = provider.GetRequiredService<OutboxPublisher>();

        broker.Up = false;
        var whileDown = await publisher.PublishPendingAsync(CancellationToken.None);
        var pendingWhileDown = await provider.InScopeAsync(db => db.Outbox.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync());
        broker.Up = true;
        var afterRecovery = await publisher.PublishPendingAsync(CancellationToken.None);

        Assert.Equal(0, whileDown);
        Assert.All(pendingWhileDown, m => Assert.Null(m.PublishedAt));
        Assert.Equal(1, pendingWhileDown[0].Attempts);
        Assert.NotNull(pendingWhileDown[0].LastError);
        Assert.Equal(2, afterRecovery);
        Assert.Equal([first.EventId, second.EventId], broker.Delivered.Select(m => m switch
        {
            CallReceived r => r.EventId,
            CallEnded e => e.EventId,
            _ => Guid.Empty,
        }));
    }

    [Fact]
    public async Task Publisher_PassFailsWithAnyException_KeepsRunningAndPublishesWhenItWorksAgain()
    {
        var broker = new SwitchableBroker();
        var broken = true;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        // Before: only a few exception types were caught, anything else (EF's retries used up, a broken scope) killed
        // the background service and with it the host and every live call.
        await using var provider = await CrmTestServices.CreateAsync(fixture, time,
            configure: s => s.AddScoped(_ => broken ? throw new InvalidDataException("bus unavailable") : broker.Endpoint), withHarness: false);
        var message = new CallReceived(Guid.NewGuid(), Guid.NewGuid(), 1, DateTimeOffset.UnixEpoch, CallDirection.Inbound, "1", "7000", null);
        await EnqueueAsync(provider, message);
        var publisher = provider.GetRequiredService<OutboxPublisher>();

        await publisher.StartAsync(CancellationToken.None);
        for (var i = 0; i < 120; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1)); // two minutes of failed passes, backing off
            await Task.Delay(10);
        }

        var aliveWhileBroken = publisher.ExecuteTask is { IsCompleted: false };
        broken = false;
        await CrmTestServices.EventuallyAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(broker.Delivered.Count == 1);
        });
        await publisher.StopAsync(CancellationToken.None);

        Assert.True(aliveWhileBroken);
        Assert.Equal(message.EventId, ((CallReceived)broker.Delivered.Single()).EventId);
    }

    private static async Task EnqueueAsync(IServiceProvider provider, object message)
    {
        await using var scope = provider.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox.Outbox>();
        outbox.Enqueue(message);
        await outbox.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>A publish endpoint whose broker can be switched off: every publish throws while it is down.</summary>
    private sealed class SwitchableBroker
    {
        public SwitchableBroker() => Endpoint = PublishProxy.Create(this);

        public bool Up { get; set; } = true;

        public List<object> Delivered { get; } = [];

        public IPublishEndpoint Endpoint { get; }
    }

    public class PublishProxy : DispatchProxy
    {
        private SwitchableBroker? _broker;

        internal static IPublishEndpoint Create(object broker)
        {
            var proxy = Create<IPublishEndpoint, PublishProxy>();
            ((PublishProxy)(object)proxy)._broker = (SwitchableBroker)broker;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IPublishEndpoint.Publish))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            if (!_broker!.Up)
            {
                return Task.FromException(new MassTransitException("broker unreachable"));
            }

            _broker.Delivered.Add(args![0]!);
            return Task.CompletedTask;
        }
    }
}
