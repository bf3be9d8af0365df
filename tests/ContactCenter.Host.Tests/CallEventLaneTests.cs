using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ContactCenter.Contracts.Calls;
using ContactCenter.Host.Calls;
using ContactCenter.Host.Calls.Lanes;
using ContactCenter.Host.Calls.Spool;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Tests;

/// <summary>
/// The spool's lanes (issues #14/#15): each consumer of the engine's events reads the spool with its own cursor, so one
/// whose store is down (the CRM's database) holds back neither the others nor loses its own events across a crash.
/// </summary>
public sealed class CallEventLaneTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cc-lanes-test-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task ALaneThatCannotDeliver_KeepsItsCursor_WhileTheOtherTakesEveryEvent_AndGetsThemAllAfterARestart()
    {
        var bus = new RecordingLane(CallEventSpool.BusCursor, _ => true);
        var crm = new RecordingLane("crm", t => t != typeof(CallQueued)) { Failing = true };
        var events = Enumerable.Range(1, 5).Select(i => (object)new CallQueued(Guid.NewGuid(), Guid.NewGuid(), i, DateTimeOffset.UnixEpoch, "q", i))
            .Append(new CallOffered(Guid.NewGuid(), Guid.NewGuid(), 1, DateTimeOffset.UnixEpoch, "1001")).ToList();

        var spool = CallEventSpool.Open(_directory, 64 * 1024, NullLogger.Instance, [bus.Name, crm.Name]);
        var publisher = Start(spool, bus, crm);
        using (var running = new CancellationTokenSource())
        {
            await publisher.StartAsync(running.Token);
            foreach (var e in events)
            {
                publisher.Publish(e);
            }

            await WaitAsync(() => bus.Received.Count == events.Count);
            await WaitAsync(() => crm.Attempts > 1);

            Assert.Equal(events, bus.Received.Select(r => r.Message));
            Assert.True(spool.Cursors["crm"].Committed < events.Count, "the CRM's cursor passed the offer its database never had");
            Assert.True(publisher.Backlog >= 1, $"backlog {publisher.Backlog}");
            Assert.StartsWith("crm: ", publisher.LastError, StringComparison.Ordinal);
            spool.Dispose(); // a crash: nothing more is delivered or committed
            await running.CancelAsync();
        }

        var bus2 = new RecordingLane(CallEventSpool.BusCursor, _ => true);
        var crm2 = new RecordingLane("crm", t => t != typeof(CallQueued));
        using var reopened = CallEventSpool.Open(_directory, 64 * 1024, NullLogger.Instance, [bus2.Name, crm2.Name]);
        var again = Start(reopened, bus2, crm2);
        await again.StartAsync(CancellationToken.None);
        await WaitAsync(() => again.Backlog == 0);
        await again.StopAsync(CancellationToken.None);

        Assert.Empty(bus2.Received); // the bus had them all: nothing replayed to it
        var replayed = Assert.Single(crm2.Received); // the queue events are not the lane's; the offer is, once
        Assert.Equal(events[^1], replayed.Message);
    }

    [Fact]
    public async Task TheCheckpointFile_IsRewrittenAtMostOncePerInterval_AndCatchesUpWhenTheIntervalEnds()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var bus = new RecordingLane(CallEventSpool.BusCursor, _ => true);
        using var spool = CallEventSpool.Open(_directory, 64 * 1024, NullLogger.Instance, [bus.Name]);
        var publisher = Start(spool, time, TimeSpan.FromSeconds(1), bus);
        await publisher.StartAsync(CancellationToken.None);
        var checkpoint = Path.Combine(_directory, "checkpoint");
        for (var i = 1; i <= 3; i++)
        {
            publisher.Publish(Offered(i));
            await WaitAsync(() => bus.Received.Count == i); // one batch each
        }

        Assert.Equal(3, spool.Cursors[bus.Name].Committed);
        Assert.Equal("0", File.ReadAllText(checkpoint)); // within the interval: the cursor moved, its file did not

        time.Advance(TimeSpan.FromSeconds(1));
        await WaitAsync(() => File.ReadAllText(checkpoint) == "3");

        publisher.Publish(Offered(4));
        await WaitAsync(() => bus.Received.Count == 4);
        Assert.Equal("3", File.ReadAllText(checkpoint));
        await publisher.StopAsync(CancellationToken.None); // a clean stop saves what the interval held back
        Assert.Equal("4", File.ReadAllText(checkpoint));
    }

    [Fact]
    public async Task WithinTheGroupCommitWindow_EventsWaitForItsEnd_AndShareOneSync_WhileAnEventAfterAQuietSpellIsSyncedAtOnce()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var bus = new RecordingLane(CallEventSpool.BusCursor, _ => true);
        using var spool = CallEventSpool.Open(_directory, 64 * 1024, NullLogger.Instance, [bus.Name]);
        var publisher = Start(spool, time, TimeSpan.Zero, groupCommitWindow: TimeSpan.FromMilliseconds(10), deliveryWindow: TimeSpan.Zero, bus);
        await publisher.StartAsync(CancellationToken.None);

        publisher.Publish(Offered(1));
        await WaitAsync(() => bus.Received.Count == 1); // the first after a quiet spell: synced and delivered at once
        publisher.Publish(Offered(2));
        publisher.Publish(Offered(3));
        await Task.Delay(300);
        Assert.Equal(1, spool.DurableSequence); // within the window: in the kernel, not yet synced, not delivered
        Assert.Single(bus.Received);

        time.Advance(TimeSpan.FromMilliseconds(10));
        await WaitAsync(() => bus.Received.Count == 3);
        Assert.Equal([1, 2], bus.Batches); // the two waited for the window's end and went in one sync, one delivery

        time.Advance(TimeSpan.FromSeconds(1));
        publisher.Publish(Offered(4));
        await WaitAsync(() => bus.Received.Count == 4); // a quiet spell again: no wait
        await StopAsync(publisher);
    }

    [Fact]
    public async Task WithinTheDeliveryWindow_ALaneThatGainsFromBatches_TakesWhatBecameDurable_InOneBatchAtItsEnd_TheBusAtOnce()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var crm = new RecordingLane("crm", _ => true);
        var bus = new RecordingLane(CallEventSpool.BusCursor, _ => true) { GainsFromBatches = false };
        using var spool = CallEventSpool.Open(_directory, 64 * 1024, NullLogger.Instance, [crm.Name, bus.Name]);
        var publisher = Start(spool, time, TimeSpan.Zero, groupCommitWindow: TimeSpan.Zero, deliveryWindow: TimeSpan.FromMilliseconds(50), crm, bus);
        await publisher.StartAsync(CancellationToken.None);

        publisher.Publish(Offered(1));
        await WaitAsync(() => crm.Received.Count == 1);
        for (var i = 2; i <= 4; i++)
        {
            publisher.Publish(Offered(i));
        }

        await WaitAsync(() => spool.DurableSequence == 4); // synced at once (no group window here) ...
        await WaitAsync(() => bus.Received.Count == 4); // ... the bus (one publish per event) takes each at once ...
        await Task.Delay(300);
        Assert.Single(crm.Received); // ... but the call log's lane waits out its window

        time.Advance(TimeSpan.FromMilliseconds(50));
        await WaitAsync(() => crm.Received.Count == 4);
        Assert.Equal([1, 3], crm.Batches);
        Assert.Equal(Enumerable.Range(1, 4), crm.Received.Select(r => ((CallOffered)r.Message).Sequence));
        await StopAsync(publisher);
    }

    public void Dispose()
    {
        _services.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "timed out");
    }

    private SpooledCallEventPublisher Start(CallEventSpool spool, params ICallEventLane[] lanes) =>
        Start(spool, TimeProvider.System, TimeSpan.FromMilliseconds(200), lanes);

    // On a fake clock a stop that waits for a lane would wait forever: bounded by real time.
    private static async Task StopAsync(SpooledCallEventPublisher publisher)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await publisher.StopAsync(timeout.Token);
        Assert.Equal(0, publisher.Backlog);
    }

    private static CallOffered Offered(int sequence) => new(Guid.NewGuid(), Guid.NewGuid(), sequence, DateTimeOffset.UnixEpoch, "1001");

    // The windows are the host's own (10 and 20 ms) unless a test sets them; on a fake clock that is not advanced they
    // would hold every event after the first, so the tests that are not about them pass zero.
    private SpooledCallEventPublisher Start(CallEventSpool spool, TimeProvider time, TimeSpan checkpointInterval, params ICallEventLane[] lanes) =>
        Start(spool, time, checkpointInterval, TimeSpan.Zero, TimeSpan.Zero, lanes);

    private SpooledCallEventPublisher Start(CallEventSpool spool, TimeProvider time, TimeSpan checkpointInterval, TimeSpan groupCommitWindow,
        TimeSpan deliveryWindow, params ICallEventLane[] lanes) =>
        new(spool, lanes, [], Options.Create(new CallEventSpoolOptions
            {
                MaxRetryDelay = TimeSpan.FromMilliseconds(50), CheckpointInterval = checkpointInterval,
                GroupCommitWindow = groupCommitWindow, DeliveryWindow = deliveryWindow,
            }), time,
            new CallEventSpoolMetrics(_services.GetRequiredService<IMeterFactory>()), NullLogger<SpooledCallEventPublisher>.Instance);

    private sealed class RecordingLane(string name, Func<Type, bool> wants) : ICallEventLane
    {
        private int _attempts;

        public ConcurrentQueue<SpooledEvent> Received { get; } = new();

        /// <summary>The size of each batch delivered, in order.</summary>
        public ConcurrentQueue<int> Batches { get; } = new();

        public bool Failing { get; init; }

        public int Attempts => _attempts;

        public string Name => name;

        public bool Wants(Type type) => wants(type);

        public bool GainsFromBatches { get; init; } = true;

        public Task DeliverAsync(IReadOnlyList<SpooledEvent> events, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (Failing)
            {
                throw new TimeoutException("the database is away");
            }

            foreach (var e in events)
            {
                Received.Enqueue(e);
            }

            Batches.Enqueue(events.Count);
            return Task.CompletedTask;
        }
    }
}
