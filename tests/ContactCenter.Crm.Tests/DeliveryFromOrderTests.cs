using ContactCenter.Contracts.Orders;
using ContactCenter.Crm.Dispatch;
using ContactCenter.Crm.Model;
using ContactCenter.TestKit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class DeliveryFromOrderTests(CrmDatabaseFixture fixture)
{
    private static readonly DateOnly Tomorrow = new(2026, 11, 27);

    [Fact]
    public async Task OrderAccepted_WithDeliveryFields_OneDeliveryOnTheDispatchListEvenWhenRedelivered()
    {
        await using var demo = await DemoScenario.StartAsync(fixture, withHarness: true);
        var harness = demo.Provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var order = await OrderAsync(demo, Tomorrow, "09:00-12:00", "Olga at the back door");
        var withoutDate = await OrderAsync(demo, null, null, null);

        var accepted = Accepted(order);
        await harness.Bus.Publish(accepted);
        await harness.Bus.Publish(accepted with { EventId = Guid.NewGuid() });
        await harness.Bus.Publish(Accepted(withoutDate));
        await CrmTestServices.EventuallyAsync(async () => await harness.Consumed.SelectAsync<OrderAccepted>().Count() >= 3);

        var deliveries = await demo.InScopeAsync<DispatchDesk, List<DeliveryDto>>(desk => desk.ListAsync(Tomorrow, CancellationToken.None));
        var delivery = Assert.Single(deliveries, d => d.OrderId is not null);
        Assert.Equal((order.Id, order.Number, "Olga at the back door", "09:00-12:00", "Planned"),
            (delivery.OrderId!.Value, delivery.OrderNumber!.Value, delivery.ConsigneeName, delivery.Window, delivery.Status));
        Assert.Equal(["+74951000003"], delivery.Phones);
        Assert.False(await demo.Provider.InScopeAsync(db => db.Deliveries.AnyAsync(d => d.OrderId == withoutDate.Id)));
    }

    private static OrderAccepted Accepted(Order order) =>
        new(Guid.NewGuid(), order.Id, order.ClientId, null, "1001", new DateTimeOffset(2026, 11, 26, 9, 5, 0, TimeSpan.Zero), 0, 0m, null, order.Number, "Corner Shop");

    private static async Task<Order> OrderAsync(DemoScenario demo, DateOnly? date, string? window, string? receiver)
    {
        var order = new Order
        {
            Id = Guid.NewGuid(), ClientId = await demo.ClientIdAsync("Corner Shop"), Status = OrderStatus.Accepted,
            CreatedAt = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), AcceptedAt = new DateTimeOffset(2026, 11, 26, 9, 5, 0, TimeSpan.Zero),
            DeliveryDate = date, DeliveryWindow = window, ReceiverName = receiver,
        };
        await demo.Provider.InScopeAsync(db =>
        {
            db.Orders.Add(order);
            return db.SaveChangesAsync();
        });
        return order;
    }
}
