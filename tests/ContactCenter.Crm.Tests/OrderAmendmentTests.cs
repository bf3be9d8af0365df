using System.Text.Json;
using ContactCenter.Contracts.Orders;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Outbox;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Tests;

/// <summary>Issue #18: an accepted order corrected or cancelled by its author or the client's manager, with a reason, audited, on the bus.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class OrderAmendmentTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Correct_AcceptedOrder_KeptProductsKeepTheirPrice_NewOnesPricedNow_EventAndAudit()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var accepted = await AcceptedOrderAsync(demo);
        var cheese = accepted.Lines.Single(l => l.Sku == "CHS-RUS");

        var corrected = Ok(await CorrectAsync(demo, accepted.Id, "client called back: less cheese, some milk", ("CHS-RUS", 3m), ("MLK-32", 10m)));

        Assert.Equal("Accepted", corrected.Status);
        Assert.Equal([("CHS-RUS", 3m, cheese.UnitPrice), ("MLK-32", 10m, 80.10m)],
            corrected.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => (l.Sku, l.Quantity, l.UnitPrice)));
        Assert.Equal(3 * cheese.UnitPrice + 801m, corrected.Total);
        var message = await demo.Provider.InScopeAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.MessageType == typeof(OrderCorrected).FullName));
        var correctedEvent = JsonSerializer.Deserialize<OrderCorrected>(message.Payload, OutboxMessageTypes.JsonOptions)!;
        Assert.Equal((accepted.Id, accepted.Total, corrected.Total, 2, "1001", "client called back: less cheese, some milk"),
            (correctedEvent.OrderId, correctedEvent.PreviousTotal, correctedEvent.Total, correctedEvent.LineCount, correctedEvent.CorrectedBy, correctedEvent.Reason));
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.Audit.CountAsync(a => a.Action == "correct" && a.EntityId == accepted.Id.ToString())));
    }

    [Fact]
    public async Task Correct_NoReasonOrNoLinesOrADraft_RefusedAndNothingChanges()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var accepted = await AcceptedOrderAsync(demo);
        var draft = await OrderDeskTests.CompleteDraftAsync(demo, "Corner Shop");

        var noReason = await CorrectAsync(demo, accepted.Id, " ", ("CHS-RUS", 0m));
        var noLines = await CorrectAsync(demo, accepted.Id, "why not");
        var ofDraft = await CorrectAsync(demo, draft, "why not", ("CHS-RUS", 1m));

        Assert.Equal(["lines[0].quantity", "reason"], Assert.IsType<ValidationProblem>(noReason.Result).ProblemDetails.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["lines"], Assert.IsType<ValidationProblem>(noLines.Result).ProblemDetails.Errors.Keys);
        Assert.Equal(409, Assert.IsType<ProblemHttpResult>(ofDraft.Result).StatusCode);
        Assert.Equal(accepted.Total, await demo.Provider.InScopeAsync(db => db.Orders.Where(o => o.Id == accepted.Id).Select(o => o.Total).SingleAsync()));
        Assert.Equal(0, await demo.Provider.InScopeAsync(db => db.Outbox.CountAsync(m => m.MessageType == typeof(OrderCorrected).FullName)));
    }

    [Fact]
    public async Task Correct_BeyondTheCreditLimit_ConflictWithTheHeadroom()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var accepted = await AcceptedOrderAsync(demo);

        var result = await CorrectAsync(demo, accepted.Id, "much more cheese", ("CHS-RUS", 5_000m));

        var problem = Assert.IsType<ProblemHttpResult>(result.Result).ProblemDetails;
        Assert.Equal((409, "Over the credit limit"), (problem.Status, problem.Title));
        Assert.True(problem.Extensions.ContainsKey("headroom"));
    }

    [Fact]
    public async Task Cancel_AcceptedOrder_NoLongerOpenAgainstCredit_OneEventEvenWhenAskedTwice()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var accepted = await AcceptedOrderAsync(demo);
        var arbat = accepted.ClientId;
        var openBefore = await demo.InScopeAsync<CreditCheck, decimal>(c => c.OpenOrdersAsync(arbat, null, CancellationToken.None));

        var first = Ok(await CancelAsync(demo, accepted.Id, "client cancelled by phone"));
        var again = Ok(await CancelAsync(demo, accepted.Id, "client cancelled by phone"));
        var noReason = await CancelAsync(demo, await OrderDeskTests.CompleteDraftAsync(demo, "Corner Shop"), "");

        Assert.Equal(("Cancelled", "Cancelled"), (first.Status, again.Status));
        Assert.Equal(accepted.Total, openBefore);
        Assert.Equal(0m, await demo.InScopeAsync<CreditCheck, decimal>(c => c.OpenOrdersAsync(arbat, null, CancellationToken.None)));
        var message = await demo.Provider.InScopeAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.MessageType == typeof(OrderCancelled).FullName));
        var cancelled = JsonSerializer.Deserialize<OrderCancelled>(message.Payload, OutboxMessageTypes.JsonOptions)!;
        Assert.Equal((accepted.Id, "Accepted", accepted.Total, "client cancelled by phone"), (cancelled.OrderId, cancelled.PreviousStatus, cancelled.Total, cancelled.Reason));
        Assert.Equal(["reason"], Assert.IsType<ValidationProblem>(noReason.Result).ProblemDetails.Errors.Keys);
    }

    [Fact]
    public async Task Rights_AuthorAndTheClientsManagerMayChange_AnotherOperatorMayNot()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var accepted = await AcceptedOrderAsync(demo);

        string? Refusal(string userName, params string[] roles) =>
            demo.Provider.InScopeAsync(db => OrderEditRights.RefusalAsync(db, DemoScenario.User(userName, roles), accepted.Id, CancellationToken.None)).Result;

        Assert.Null(Refusal("1001", "Operator"));
        Assert.Null(Refusal("2001", "Manager"));
        Assert.Contains("the client's manager", Refusal("1002", "Operator"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeskCatalog_SearchBySkuOrName_PricedInTheClientsColumn_SkuMatchesFirst()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var arbat = await demo.ClientIdAsync("Arbat Foods");

        var milk = await SearchAsync(demo, arbat, "milk");
        var bySku = await SearchAsync(demo, arbat, "kef");
        var unknown = await demo.InScopeAsync<DeskCatalog, List<CatalogItemDto>?>(c => c.SearchAsync(Guid.NewGuid(), "milk", 10, CancellationToken.None));

        var item = Assert.Single(milk, i => i.Sku == "MLK-32");
        Assert.Equal((80.10m, "pcs", true), (item.Price, item.Unit, item.IsTraditional is false));
        Assert.Equal("KEF-25", bySku[0].Sku);
        Assert.Null(unknown);
    }

    private static Task<List<CatalogItemDto>> SearchAsync(DemoScenario demo, Guid client, string text) =>
        demo.InScopeAsync<DeskCatalog, List<CatalogItemDto>>(async c => (await c.SearchAsync(client, text, 10, CancellationToken.None))!);

    private static async Task<OrderDto> AcceptedOrderAsync(DemoScenario demo)
    {
        var order = await OrderDeskTests.CompleteDraftAsync(demo, "Arbat Foods");
        return Ok(await OrderDeskTests.AcceptAsync(demo, order));
    }

    private static async Task<Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>> CorrectAsync(DemoScenario demo, Guid order, string reason,
        params (string Sku, decimal Quantity)[] lines)
    {
        var request = new CorrectOrderRequest([.. await Task.WhenAll(lines.Select(async l => new OrderLineRequest(await demo.ProductIdAsync(l.Sku), l.Quantity)))], reason);
        return await demo.InScopeAsync<OrderAmendments, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async a => DeskHttp.Ok(await a.CorrectAsync(order, request, "1001", CancellationToken.None)));
    }

    private static Task<Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>> CancelAsync(DemoScenario demo, Guid order, string reason) =>
        demo.InScopeAsync<OrderAmendments, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async a => DeskHttp.Ok(await a.CancelAsync(order, new CancelOrderRequest(reason), "1001", CancellationToken.None)));

    private static OrderDto Ok(Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult> result) =>
        Assert.IsType<Ok<OrderDto>>(result.Result).Value!;
}
