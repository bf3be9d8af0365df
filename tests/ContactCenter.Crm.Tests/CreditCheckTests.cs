using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Orders;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class CreditCheckTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Accept_OpenOrdersPlusThisOrderOverTheLimit_RefusedSayingWhyAndWhomToTransferTo()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var corner = await demo.ClientIdAsync("Corner Shop");
        var first = Assert.IsType<Ok<OrderDto>>((await OrderDeskTests.AcceptAsync(demo, await OrderDeskTests.CompleteDraftAsync(demo, "Corner Shop"))).Result).Value!;
        await demo.Provider.InScopeAsync(db => db.Clients.Where(c => c.Id == corner)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CreditLimit, first.Total + 1_000m)));
        var second = await OrderDeskTests.CompleteDraftAsync(demo, "Corner Shop");

        var refused = await OrderDeskTests.AcceptAsync(demo, second);

        var problem = Assert.IsType<ProblemHttpResult>(refused.Result);
        Assert.Equal((StatusCodes.Status409Conflict, "Over the credit limit"), (problem.StatusCode, problem.ProblemDetails.Title));
        Assert.Contains("leave 1,000.00", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Contains("transfer to the manager (2101) or Finance", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Equal(("2101", 1_000m), (problem.ProblemDetails.Extensions["transferTo"], problem.ProblemDetails.Extensions["headroom"]));
        Assert.Equal("Draft", await demo.Provider.InScopeAsync(db => db.Orders.Where(o => o.Id == second).Select(o => o.Status.ToString()).SingleAsync()));
    }

    [Fact]
    public async Task Card_AcceptedOrderNotYetDelivered_CountsAgainstTheHeadroom()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var corner = await demo.ClientIdAsync("Corner Shop");
        var before = await CardAsync(demo, corner);

        var accepted = Assert.IsType<Ok<OrderDto>>((await OrderDeskTests.AcceptAsync(demo, await OrderDeskTests.CompleteDraftAsync(demo, "Corner Shop"))).Result).Value!;
        var after = await CardAsync(demo, corner);

        Assert.Equal((0m, 50_000m), (before.Debt.OpenOrders, before.Debt.Headroom));
        Assert.Equal((accepted.Total, 50_000m - accepted.Total), (after.Debt.OpenOrders, after.Debt.Headroom));
    }

    private static async Task<ClientCardDto> CardAsync(DemoScenario demo, Guid client) =>
        (await demo.InScopeAsync<ClientCardReader, ClientCardDto?>(r => r.ReadAsync(client, null, CancellationToken.None)))!;
}
