using ContactCenter.Crm.Api;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Promotions;
using ContactCenter.Crm.Reports;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

/// <summary>Promotions and discount programs (issue #18): kept by management, shown on the card, applied to the order, reported.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class PromotionTests(CrmDatabaseFixture fixture)
{
    private static readonly PromotionRequest Empty = new(null, null, null, null, null, null, null, null, null, null);
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public async Task Promotion_CreatedChangedByField_BadFieldsNamed_Audited()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var created = await SaveAsync(demo, r => r.CreateAsync(Empty with
        {
            Name = "Cheese week", StartsOn = Today, EndsOn = Today.AddDays(6), DiscountPercent = 10m, Products = ["CHS-RUS"], ClientTypes = ["retail"],
        }, "3001", CancellationToken.None));
        var changed = await SaveAsync(demo, r => r.UpdateAsync(created.Value!.Id, Empty with { DiscountPercent = 0m, BonusSku = "KEF-25", BonusQuantity = 2m },
            "3001", CancellationToken.None));
        var bad = await SaveAsync(demo, r => r.CreateAsync(Empty with
        {
            Name = " ", StartsOn = Today, EndsOn = Today.AddDays(-1), DiscountPercent = 100m, BonusSku = "NOPE", Products = ["CHS-RUS", "XXX"],
            ClientTypes = ["wholesaler"],
        }, "3001", CancellationToken.None));
        var nothing = await SaveAsync(demo, r => r.CreateAsync(Empty with { Name = "Nothing", StartsOn = Today, EndsOn = Today }, "3001", CancellationToken.None));

        var promotion = created.Value!;
        Assert.Equal((10m, (string?)null, true), (promotion.DiscountPercent, promotion.BonusSku, promotion.InForce));
        Assert.Equal(["CHS-RUS"], promotion.Products);
        Assert.Equal(["retail"], promotion.ClientTypes);
        Assert.Equal(((decimal?)null, "KEF-25", 2m), (changed.Value!.DiscountPercent, changed.Value.BonusSku, changed.Value.BonusQuantity));
        Assert.Equal(["bonusSku", "clientTypes", "discountPercent", "endsOn", "name", "products"], bad.Error!.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["There is no product XXX."], bad.Error.Fields["products"]);
        Assert.Equal(["discountPercent"], nothing.Error!.Fields!.Keys);
        Assert.Equal(["create:3001", "update:3001"], await demo.Provider.InScopeAsync(db => db.Audit.Where(a => a.EntityType == "promotion")
            .OrderBy(a => a.Id).Select(a => a.Action + ":" + a.UserName).ToListAsync()));
    }

    [Fact]
    public async Task Card_ShowsPromotionsInForceForTheClientsType_NotOthersNorEnded()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        await CreateAsync(demo, Empty with { Name = "Retail cheese", StartsOn = Today, EndsOn = Today, DiscountPercent = 5m, ClientTypes = ["retail"] });
        await CreateAsync(demo, Empty with { Name = "Everyone", StartsOn = Today.AddDays(-3), EndsOn = Today.AddDays(3), BonusSku = "MLK-32" });
        await CreateAsync(demo, Empty with { Name = "Ended", StartsOn = Today.AddDays(-9), EndsOn = Today.AddDays(-1), DiscountPercent = 5m });
        await CreateAsync(demo, Empty with { Name = "Stopped", StartsOn = Today, EndsOn = Today, DiscountPercent = 5m, IsActive = false });
        await CreateAsync(demo, Empty with { Name = "Key only", StartsOn = Today, EndsOn = Today, DiscountPercent = 5m, ClientTypes = ["key"] });

        var retail = await CardAsync(demo, "Corner Shop");
        var key = await CardAsync(demo, "Arbat Foods");

        Assert.Equal(["Everyone", "Retail cheese"], retail.Promotions.Select(p => p.Name));
        Assert.Equal(["Everyone", "Key only"], key.Promotions.Select(p => p.Name));
    }

    [Fact]
    public async Task Order_PromotionTaken_LinesDiscountedAndBonusGiven_CountedInTheReport()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var cheese = await CreateAsync(demo, Empty with
        {
            Name = "Cheese week", StartsOn = Today, EndsOn = Today.AddDays(6), DiscountPercent = 10m, BonusSku = "KEF-25", BonusQuantity = 2m,
            Products = ["CHS-RUS"], ClientTypes = ["retail"],
        });
        var declined = await CreateAsync(demo, Empty with { Name = "Sugar bonus", StartsOn = Today, EndsOn = Today, BonusSku = "SGR-1" });
        var order = await OrderDeskTests.CompleteDraftAsync(demo, "Corner Shop");

        var answered = Ok(await PromotionsAsync(demo, order, (cheese, true), (declined, false)));
        var accepted = Ok(await OrderDeskTests.AcceptAsync(demo, order));
        var report = Assert.IsType<Ok<ReportDto>>((await demo.InScopeAsync(services => ReportEndpoints.AgentsAsync("2026-11-01", "2026-11-30", null,
            new Microsoft.AspNetCore.Http.DefaultHttpContext().Request, services.GetRequiredService<ReportReader>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportOptions>>(), services.GetRequiredService<Persistence.CrmDbContext>(),
            services.GetRequiredService<Audit>(), DemoScenario.User("admin", "Admin"), CancellationToken.None))).Result).Value!;

        var cheeseLine = answered.Lines.Single(l => l.Sku == "CHS-RUS");
        Assert.Equal((10m, "Cheese week", PromotionPricing.Discounted(cheeseLine.ListPrice!.Value, 10m)),
            (cheeseLine.DiscountPercent, cheeseLine.Promotion, cheeseLine.UnitPrice));
        Assert.True(cheeseLine.UnitPrice < cheeseLine.ListPrice);
        var bonus = answered.Lines.Single(l => l.IsBonus);
        Assert.Equal(("KEF-25", 2m, 0m, "Cheese week"), (bonus.Sku, bonus.Quantity, bonus.LineTotal, bonus.Promotion));
        Assert.Equal(answered.Lines.Sum(l => l.LineTotal), answered.Total);
        Assert.Equal([("Cheese week", true), ("Sugar bonus", false)], accepted.Promotions.Select(p => (p.Name, p.Accepted)));
        Assert.Equal(answered.Total, accepted.Total);
        var operatorRow = report.Rows.Single(r => r.Extension == "1001");
        Assert.Equal((2L, 1L), (operatorRow.PromotionsOffered, operatorRow.PromotionsAccepted));
    }

    [Fact]
    public async Task Order_LinesChangedAfterThePromotion_RepricedAndBonusFollowsTheProducts()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var cheese = await CreateAsync(demo, Empty with
        {
            Name = "Cheese week", StartsOn = Today, EndsOn = Today, DiscountPercent = 20m, BonusSku = "KEF-25", Products = ["CHS-RUS"],
        });
        var order = await OrderDeskTests.CompleteDraftAsync(demo, "Corner Shop");
        Ok(await PromotionsAsync(demo, order, (cheese, true)));
        var milk = await demo.ProductIdAsync("MLK-32");

        var withoutCheese = Ok(await demo.InScopeAsync<OrderDesk, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async desk =>
            DeskHttp.Ok(await desk.ReplaceLinesAsync(order, new ReplaceLinesRequest([new(milk, 3m)]), "1001", CancellationToken.None))));

        var line = withoutCheese.Lines.Single(l => l.Sku == "MLK-32");
        Assert.Equal((null, line.ListPrice), (line.DiscountPercent, (decimal?)line.UnitPrice));
        Assert.DoesNotContain(withoutCheese.Lines, l => l.IsBonus);
    }

    [Fact]
    public async Task RecordPromotions_UnknownEndedOtherTypeOrUnanswered_BadRequestNamingEachOffer()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var ended = await CreateAsync(demo, Empty with { Name = "Ended", StartsOn = Today.AddDays(-5), EndsOn = Today.AddDays(-1), DiscountPercent = 5m });
        var keyOnly = await CreateAsync(demo, Empty with { Name = "Key only", StartsOn = Today, EndsOn = Today, DiscountPercent = 5m, ClientTypes = ["key"] });
        var open = await CreateAsync(demo, Empty with { Name = "Open", StartsOn = Today, EndsOn = Today, DiscountPercent = 5m });
        var order = await OrderDeskTests.CompleteDraftAsync(demo, "Corner Shop");

        var result = await demo.InScopeAsync<OrderDesk, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async desk =>
            DeskHttp.Ok(await desk.RecordPromotionsAsync(order, new PromotionAnswersRequest(
            [
                new(Guid.NewGuid(), true), new(ended, true), new(keyOnly, false), new(open, null), new(open, true),
            ]), "1001", CancellationToken.None)));

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["offers[0].promotionId", "offers[1].promotionId", "offers[2].promotionId", "offers[3].accepted", "offers[4].promotionId"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Ended is not in force today."], errors["offers[1].promotionId"]);
        Assert.Equal(["Key only is not for Retail clients."], errors["offers[2].promotionId"]);
    }

    private static Task<DeskResult<PromotionDto>> SaveAsync(DemoScenario demo, Func<PromotionRecords, Task<DeskResult<PromotionDto>>> action) =>
        demo.InScopeAsync(action);

    private static async Task<Guid> CreateAsync(DemoScenario demo, PromotionRequest request)
    {
        var result = await SaveAsync(demo, r => r.CreateAsync(request, "3001", CancellationToken.None));
        Assert.True(result.Succeeded, string.Join("; ", result.Error?.Fields?.SelectMany(f => f.Value) ?? []));
        return result.Value!.Id;
    }

    private static async Task<ClientCardDto> CardAsync(DemoScenario demo, string client)
    {
        var id = await demo.ClientIdAsync(client);
        return (await demo.InScopeAsync<ClientCardReader, ClientCardDto?>(r => r.ReadAsync(id, null, CancellationToken.None)))!;
    }

    private static async Task<Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>> PromotionsAsync(DemoScenario demo, Guid order,
        params (Guid Promotion, bool Accepted)[] answers) =>
        await demo.InScopeAsync<OrderDesk, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async desk =>
            DeskHttp.Ok(await desk.RecordPromotionsAsync(order, new PromotionAnswersRequest([.. answers.Select(a => new PromotionAnswerRequest(a.Promotion, a.Accepted))]),
                "1001", CancellationToken.None)));

    private static OrderDto Ok(Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult> result) =>
        Assert.IsType<Ok<OrderDto>>(result.Result).Value!;
}
