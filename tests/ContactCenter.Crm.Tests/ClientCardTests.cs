using ContactCenter.Crm.Api;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.PhoneNumbers;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class ClientCardTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Card_KeyClientWithinLimit_ShowsManagerColumnPricesAndAcceptsOrders()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var arbat = await demo.ClientIdAsync("Arbat Foods");

        var card = await ReadAsync(demo, arbat);

        Assert.Equal("Arbat Foods", card.Name);
        Assert.Equal("key", card.TypeCode);
        Assert.Equal(new ManagerDto("2001", "Dmitry Orlov"), card.Manager);
        Assert.Equal(["+74951000001"], card.Phones);
        Assert.Equal(3, card.PriceColumn);
        Assert.Equal("Key account (-10%)", card.PriceColumnName);
        Assert.False(card.Debt.OrdersBlocked);
        Assert.Null(card.Debt.Message);
        Assert.Equal(120_000m, card.Debt.TotalOutstanding);
        Assert.Equal(["BCK-9", "BTR-82", "CHS-RUS", "OIL-SUN", "TEA-100"], card.TraditionalProducts.Select(p => p.Sku).Order());
        Assert.Equal(702m, card.TraditionalProducts.Single(p => p.Sku == "CHS-RUS").Price);
        Assert.Equal(["CFE-DRP", "CRD-OAT", "YGT-MNG"], card.NewProducts.Select(p => p.Sku).Order());
        Assert.Equal(351m, card.NewProducts.Single(p => p.Sku == "CFE-DRP").Price);
    }

    [Theory]
    [InlineData("Late Payer", true, false,
        "Overdue receivables of 18,500.00 since 2026-10-27: orders are not accepted; transfer to the manager (2101) or Finance.")]
    [InlineData("Over Limit", false, true,
        "Receivables of 150,000.00 exceed the credit limit of 100,000.00: orders are not accepted; transfer to the manager (2002) or Finance.")]
    public async Task Card_Debtor_BlocksOrdersAndSaysWhereToTransfer(string client, bool overdue, bool overLimit, string message)
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var card = await ReadAsync(demo, await demo.ClientIdAsync(client));

        Assert.True(card.Debt.OrdersBlocked);
        Assert.Equal((overdue, overLimit), (card.Debt.Overdue, card.Debt.OverLimit));
        Assert.Equal(message, card.Debt.Message);
    }

    [Fact]
    public async Task Card_UpsellSuggestions_ThreeOrFourNewAndTraditionalAtTheClientsPrice()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var card = await ReadAsync(demo, await demo.ClientIdAsync("Arbat Foods"));

        Assert.InRange(card.UpsellSuggestions.Count, 3, 4);
        Assert.Contains(card.UpsellSuggestions, p => p.IsNew);
        Assert.Contains(card.UpsellSuggestions, p => p.Traditional);
        Assert.All(card.UpsellSuggestions, p => Assert.Equal(
            card.NewProducts.Concat(card.TraditionalProducts).First(o => o.ProductId == p.ProductId).Price, p.Price));
    }

    [Fact]
    public async Task Card_CurrentOrderGiven_SuggestionsLeaveOutWhatIsOrdered()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var arbat = await demo.ClientIdAsync("Arbat Foods");
        var before = await ReadAsync(demo, arbat);
        var ordered = before.UpsellSuggestions.Take(3).Select(p => p.ProductId).ToList();
        var orderId = await demo.Provider.InScopeAsync(async db =>
        {
            var order = new Order { Id = Guid.NewGuid(), ClientId = arbat, CreatedAt = DateTimeOffset.UnixEpoch };
            order.Lines.AddRange(ordered.Select(p => new OrderLine { Id = Guid.NewGuid(), ProductId = p, Quantity = 1, UnitPrice = 1, LineTotal = 1 }));
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return order.Id;
        });

        var card = await ReadAsync(demo, arbat, orderId);

        Assert.InRange(card.UpsellSuggestions.Count, 3, 4);
        Assert.DoesNotContain(card.UpsellSuggestions, p => ordered.Contains(p.ProductId));
    }

    [Fact]
    public async Task Card_LastOrders_ShowsAcceptedOrdersNewestFirstWithLines()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var arbat = await demo.ClientIdAsync("Arbat Foods");
        var butter = await demo.ProductIdAsync("BTR-82");
        await demo.Provider.InScopeAsync(async db =>
        {
            for (var i = 1; i <= 7; i++)
            {
                var order = new Order
                {
                    Id = Guid.NewGuid(), ClientId = arbat, CreatedAt = DateTimeOffset.UnixEpoch, Status = OrderStatus.Accepted,
                    AcceptedAt = new DateTimeOffset(2026, 11, i, 10, 0, 0, TimeSpan.Zero), Total = 189m * i,
                };
                order.Lines.Add(new OrderLine { Id = Guid.NewGuid(), ProductId = butter, Quantity = i, UnitPrice = 189m, LineTotal = 189m * i });
                db.Orders.Add(order);
            }

            db.Orders.Add(new Order { Id = Guid.NewGuid(), ClientId = arbat, CreatedAt = DateTimeOffset.UnixEpoch });
            return await db.SaveChangesAsync();
        });

        var card = await ReadAsync(demo, arbat);

        Assert.Equal([7, 6, 5, 4, 3], card.LastOrders.Select(o => o.Date.Day));
        Assert.Equal(189m * 7, card.LastOrders[0].Total);
        var line = Assert.Single(card.LastOrders[0].Lines);
        Assert.Equal(("BTR-82", 7m), (line.Sku, line.Quantity));
    }

    [Theory]
    [InlineData("84951000001")]
    [InlineData("+7 (495) 100-00-01")]
    public async Task CardByPhone_AnyNumberFormat_FindsTheClientAndAuditsTheRead(string number)
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await CardByPhoneAsync(demo, number);
        var audit = await demo.Provider.InScopeAsync(db => db.Audit.AsNoTracking().Where(a => a.EntityType == "client-card").ToListAsync());

        var card = Assert.IsType<Ok<ClientCardDto>>(result.Result).Value!;
        Assert.Equal("Arbat Foods", card.Name);
        var entry = Assert.Single(audit);
        Assert.Equal(("1001", "read", card.Id.ToString()), (entry.UserName, entry.Action, entry.EntityId));
    }

    [Theory]
    [InlineData("84950000000", typeof(NotFound))]
    [InlineData("hello", typeof(ValidationProblem))]
    public async Task CardByPhone_UnknownOrInvalidNumber_NotFoundOrBadRequest(string number, Type expected)
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await CardByPhoneAsync(demo, number);

        Assert.IsType(expected, result.Result);
    }

    private static Task<Results<Ok<ClientCardDto>, NotFound, ValidationProblem>> CardByPhoneAsync(DemoScenario demo, string number) =>
        demo.InScopeAsync(sp => ClientCardEndpoints.GetCardByPhoneAsync(number, null,
            sp.GetRequiredService<PhoneNumberNormalizer>(), sp.GetRequiredService<ClientCardReader>(), sp.GetRequiredService<CrmDbContext>(),
            sp.GetRequiredService<Audit>(), DemoScenario.Operator, CancellationToken.None));

    private static Task<ClientCardDto> ReadAsync(DemoScenario demo, Guid clientId, Guid? orderId = null) =>
        demo.InScopeAsync<ClientCardReader, ClientCardDto>(async cards => (await cards.ReadAsync(clientId, orderId, CancellationToken.None))!);
}
