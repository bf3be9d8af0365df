using ContactCenter.Contracts.Calls;
using ContactCenter.Contracts.Clients;
using ContactCenter.Contracts.Notifications;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Notifications;
using ContactCenter.TestKit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class NewCallerTests(CrmDatabaseFixture fixture)
{
    private const string Stranger = "+74957770011";
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static CallReceived Received(string? e164, CallDirection direction = CallDirection.Inbound, string caller = "84957770011") =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, T0, direction, caller, "7000", e164);

    [Fact]
    public async Task CallReceived_UnknownNumber_NewClientAndTaskForTheHeadOfWholesale()
    {
        await using var demo = await DemoScenario.StartAsync(fixture, withHarness: true);
        var harness = demo.Provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var call = Received(Stranger);

        await harness.Bus.Publish(call);

        Assert.True(await harness.GetConsumerHarness<NewCallerConsumer>().Consumed.Any<CallReceived>(m => m.Context.Message.EventId == call.EventId));
        var client = await demo.Provider.InScopeAsync(db => db.Clients.AsNoTracking().Include(c => c.ClientType).Include(c => c.Phones)
            .SingleAsync(c => c.Phones.Any(p => p.E164 == Stranger)));
        Assert.Equal("new", client.ClientType!.Code);
        Assert.Null(client.AssignedManagerId);
        var task = Assert.Single(await demo.NotificationsOfAsync("3001", "DepartmentHead"));
        Assert.Equal((NotificationKinds.ClientToAssign, "client", client.Id, true), (task.Kind, task.SubjectType, task.SubjectId, task.Personal));
        Assert.Contains(Stranger, task.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await demo.NotificationsOfAsync("3002", "DepartmentHead"), n => n.Kind == NotificationKinds.ClientToAssign);
        var outbox = await demo.Provider.InScopeAsync(db => db.Outbox.AsNoTracking().Select(m => m.MessageType).ToListAsync());
        Assert.Equal([typeof(ClientCreated).FullName, typeof(NotificationCreated).FullName], outbox.Order());
        Assert.Contains(await demo.InScopeAsync<ClientAssignments, List<UnassignedClientDto>>(a => a.ListUnassignedAsync(CancellationToken.None)),
            c => c.Id == client.Id && c.Phones.SequenceEqual([Stranger]));
    }

    [Fact]
    public async Task CallReceived_Redelivered_OneClientOneTask()
    {
        await using var demo = await DemoScenario.StartAsync(fixture, withHarness: true);
        var harness = demo.Provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var call = Received(Stranger);
        var secondCall = Received(Stranger);

        await harness.Bus.Publish(call);
        await harness.Bus.Publish(call);
        await harness.Bus.Publish(secondCall);

        var consumer = harness.GetConsumerHarness<NewCallerConsumer>();
        await CrmTestServices.EventuallyAsync(() => Task.FromResult(consumer.Consumed.Select<CallReceived>().Count() == 3));
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.ClientPhones.CountAsync(p => p.E164 == Stranger)));
        Assert.Single(await demo.NotificationsOfAsync("3001", "DepartmentHead"));
    }

    [Fact]
    public async Task Register_SpoofedNumbersFromOnePrefix_BoundedPerHour_OtherPrefixesUnaffected()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var clientsBefore = await demo.Provider.InScopeAsync(db => db.Clients.CountAsync());

        var created = new List<Guid?>();
        for (var i = 0; i < 25; i++)
        {
            var spoofed = $"+749577701{i:00}";
            created.Add(await demo.InScopeAsync<NewClientRegistrar, Guid?>(r => r.RegisterAsync(Received(spoofed), CancellationToken.None)));
        }

        var elsewhere = await demo.InScopeAsync<NewClientRegistrar, Guid?>(r => r.RegisterAsync(Received("+78123334455"), CancellationToken.None));

        Assert.Equal(20, created.Count(id => id is not null)); // Crm:NewClients:MaxPerPrefixPerHour, prefix +7495777
        Assert.All(created.Skip(20), id => Assert.Null(id));
        Assert.NotNull(elsewhere);
        Assert.Equal(clientsBefore + 21, await demo.Provider.InScopeAsync(db => db.Clients.CountAsync()));
    }

    [Fact]
    public async Task Register_SameNewNumberFiveTimesAtOnce_OneClient()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var clientsBefore = await demo.Provider.InScopeAsync(db => db.Clients.CountAsync());

        var created = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            demo.InScopeAsync<NewClientRegistrar, Guid?>(r => r.RegisterAsync(Received(Stranger), CancellationToken.None))));

        Assert.Single(created, id => id is not null);
        Assert.Equal(clientsBefore + 1, await demo.Provider.InScopeAsync(db => db.Clients.CountAsync()));
        Assert.Single(await demo.NotificationsOfAsync("3001", "DepartmentHead"));
    }

    [Fact]
    public async Task RegisterAll_BatchOfKnownNewRepeatedAndOutbound_OneClientPerNewNumberInOrder()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var clientsBefore = await demo.Provider.InScopeAsync(db => db.Clients.CountAsync());
        const string other = "+78123334455";
        CallReceived[] batch =
        [
            Received("+74951000001", caller: "84951000001"), // a demo client
            Received(Stranger),
            Received(Stranger),
            Received(Stranger, CallDirection.Outbound, "1001"),
            Received(null, caller: "anonymous"),
            Received(other, caller: "88123334455"),
        ];

        var created = await demo.InScopeAsync<NewClientRegistrar, int>(r => r.RegisterAllAsync(batch, CancellationToken.None));
        var again = await demo.InScopeAsync<NewClientRegistrar, int>(r => r.RegisterAllAsync(batch, CancellationToken.None));

        Assert.Equal((2, 0), (created, again));
        Assert.Equal(clientsBefore + 2, await demo.Provider.InScopeAsync(db => db.Clients.CountAsync()));
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.ClientPhones.CountAsync(p => p.E164 == Stranger)));
        var notes = await demo.Provider.InScopeAsync(db => db.Clients.AsNoTracking().Where(c => c.Phones.Any(p => p.E164 == Stranger))
            .Select(c => c.Notes).SingleAsync());
        Assert.Contains(batch[1].CallId.ToString(), notes, StringComparison.Ordinal); // the first call from the number made it
        Assert.Equal(2, (await demo.NotificationsOfAsync("3001", "DepartmentHead")).Count);
    }

    [Theory]
    [InlineData(null, CallDirection.Inbound, "anonymous")]
    [InlineData("+74951000001", CallDirection.Inbound, "84951000001")]
    [InlineData(Stranger, CallDirection.Outbound, "1001")]
    [InlineData("not-a-number", CallDirection.Inbound, "not-a-number")]
    public async Task Register_AnonymousKnownOrNotInbound_NoClient(string? e164, CallDirection direction, string caller)
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var clientsBefore = await demo.Provider.InScopeAsync(db => db.Clients.CountAsync());

        var created = await demo.InScopeAsync<NewClientRegistrar, Guid?>(r => r.RegisterAsync(Received(e164, direction, caller), CancellationToken.None));

        Assert.Null(created);
        Assert.Equal(clientsBefore, await demo.Provider.InScopeAsync(db => db.Clients.CountAsync()));
        Assert.Empty(await demo.NotificationsOfAsync("3001", "DepartmentHead"));
    }
}
