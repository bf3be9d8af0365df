using System.Diagnostics.Metrics;
using System.Text.Json;
using ContactCenter.Contracts.Notifications;
using ContactCenter.Contracts.Orders;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Outbox;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class OrderDeskTests(CrmDatabaseFixture fixture)
{
    private static readonly DateOnly Tomorrow = new(2026, 11, 27);

    [Fact]
    public async Task ReplaceLines_KeyClientInColumnThree_PricedTenPercentOffAndTotalledByServer()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CreateAsync(demo, "Arbat Foods");

        var result = await LinesAsync(demo, order, ("CHS-RUS", 2.5m), ("BTR-82", 10m));

        var dto = Ok(result);
        Assert.Equal([("BTR-82", 189m, 1_890m), ("CHS-RUS", 702m, 1_755m)], dto.Lines.Select(l => (l.Sku, l.UnitPrice, l.LineTotal)).OrderBy(l => l.Sku));
        Assert.Equal(3_645m, dto.Total);
    }

    [Fact]
    public async Task ReplaceLines_UnknownInactiveOrNonPositive_BadRequestNamingEachField()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CreateAsync(demo, "Arbat Foods");
        var tea = await demo.ProductIdAsync("TEA-100");
        await demo.Provider.InScopeAsync(db => db.Products.Where(p => p.Id == tea).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false)));
        var butter = await demo.ProductIdAsync("BTR-82");
        var request = new ReplaceLinesRequest([new(Guid.NewGuid(), 1), new(tea, 1), new(butter, 0), new(butter, -2)]);

        var result = await demo.InScopeAsync<OrderDesk, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async desk => DeskHttp.Ok(await desk.ReplaceLinesAsync(order, request, "1001", CancellationToken.None)));

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["lines[0].productId", "lines[1].productId", "lines[2].quantity", "lines[3].productId", "lines[3].quantity"], errors.Keys.Order());
        Assert.Contains("TEA-100 is no longer sold.", errors["lines[1].productId"]);
        Assert.Contains("The quantity must be above zero.", errors["lines[2].quantity"]);
    }

    [Theory]
    [InlineData("Late Payer", "Overdue receivables of 18,500.00 since 2026-10-27: orders are not accepted; transfer to the manager (2101) or Finance.")]
    [InlineData("Over Limit", "Receivables of 150,000.00 exceed the credit limit of 100,000.00: orders are not accepted; transfer to the manager (2002) or Finance.")]
    public async Task Accept_ClientBlockedByDebt_ConflictSayingWhereToTransfer(string client, string message)
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CompleteDraftAsync(demo, client);

        var result = await AcceptAsync(demo, order);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status409Conflict, problem.StatusCode);
        Assert.Equal(message, problem.ProblemDetails.Detail);
        Assert.Equal(0, await demo.Provider.InScopeAsync(db => db.Outbox.CountAsync()));
        Assert.Equal(OrderStatus.Draft, await demo.Provider.InScopeAsync(db => db.Orders.Where(o => o.Id == order).Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task Accept_NoUpsellRecorded_RefusedAskingForTheOffer()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CreateAsync(demo, "Arbat Foods");
        await LinesAsync(demo, order, ("CHS-RUS", 5m));
        await DeliveryAsync(demo, order, new DeliveryTerms(Tomorrow, "09:00-12:00", "Ivan Receiver", null, "Olga Signer", null, null, null));

        var result = await AcceptAsync(demo, order);

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["upsellOffers"], errors.Keys);
        Assert.Equal(["Offer 3 or 4 more products and record the client's answer before accepting."], errors["upsellOffers"]);
    }

    [Fact]
    public async Task Accept_EmptyDraft_RefusedNamingLinesUpsellDateAndReceiver()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CreateAsync(demo, "Arbat Foods");

        var result = await AcceptAsync(demo, order);

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["deliveryDate", "lines", "receiverName", "upsellOffers"], errors.Keys.Order());
    }

    [Fact]
    public async Task Accept_RegionalWithoutPaymentForm_RefusedNamingPaymentForm()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CompleteDraftAsync(demo, "Tver Market",
            new DeliveryTerms(Tomorrow, null, "Petr Receiver", null, null, null, null, "Carrier: DL, Tver, Lenina 1"));

        var result = await AcceptAsync(demo, order);

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["paymentForm"], errors.Keys);
        Assert.Equal(["Regional client: agree the form of payment."], errors["paymentForm"]);
    }

    [Fact]
    public async Task Accept_RegionalWithoutPickupOrShipping_RefusedNamingBoth()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CompleteDraftAsync(demo, "Tver Market",
            new DeliveryTerms(Tomorrow, null, "Petr Receiver", null, null, "bank transfer", null, null));

        var result = await AcceptAsync(demo, order);

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["pickupArrivalAt", "shippingDetails"], errors.Keys.Order());
    }

    [Fact]
    public async Task Accept_CompleteOrder_WritesOneOrderAcceptedAndMarksTheClientActive()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var arbat = await demo.ClientIdAsync("Arbat Foods");
        await demo.Provider.InScopeAsync(db => db.Clients.Where(c => c.Id == arbat)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClientStatus.Sleeping)));
        var order = await CompleteDraftAsync(demo, "Arbat Foods");

        var dto = Ok(await AcceptAsync(demo, order));

        var message = await demo.Provider.InScopeAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.MessageType == typeof(OrderAccepted).FullName));
        var accepted = JsonSerializer.Deserialize<OrderAccepted>(message.Payload, OutboxMessageTypes.JsonOptions)!;
        var client = await demo.Provider.InScopeAsync(db => db.Clients.AsNoTracking().SingleAsync(c => c.Id == arbat));
        var now = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal("Accepted", dto.Status);
        Assert.Equal(now, dto.AcceptedAt);
        Assert.Equal(typeof(OrderAccepted).FullName, message.MessageType);
        Assert.Equal((order, arbat, dto.Lines.Count, dto.Total, "1001", "2001"),
            (accepted.OrderId, accepted.ClientId, accepted.LineCount, accepted.Total, accepted.AcceptedBy, accepted.AssignedManagerExtension));
        Assert.Equal(3, dto.Lines.Count);
        Assert.Equal(3_510m + 351m + 58.5m, dto.Total);
        Assert.Equal(now, client.LastOrderAt);
        Assert.Equal(ClientStatus.Active, client.Status);
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.Audit.CountAsync(a => a.Action == "accept" && a.EntityId == order.ToString())));
    }

    [Fact]
    public async Task Accept_CompleteOrderThenDebtor_CountsAcceptedRefusedAndUpsell()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        var factory = demo.Provider.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name.StartsWith("contactcenter.crm.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().Select(t => $"[{t.Value}]"));
            counts[key] = counts.GetValueOrDefault(key) + value;
        });
        listener.Start();
        var order = await CompleteDraftAsync(demo, "Arbat Foods");
        var debtor = await CompleteDraftAsync(demo, "Late Payer");

        await AcceptAsync(demo, order);
        await AcceptAsync(demo, order);
        await AcceptAsync(demo, debtor);

        Assert.Equal(1, counts["contactcenter.crm.orders.accepted"]);
        Assert.Equal(1, counts["contactcenter.crm.orders.refused[debt]"]);
        Assert.Equal(4, counts["contactcenter.crm.upsell.offered"]);
        Assert.Equal(2, counts["contactcenter.crm.upsell.accepted"]);
    }

    [Fact]
    public async Task Accept_CompleteOrder_NotifiesTheAssignedManagerAndDispatchAtOnce()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CompleteDraftAsync(demo, "Arbat Foods");

        var dto = Ok(await AcceptAsync(demo, order));

        var manager = Assert.Single(await demo.NotificationsOfAsync("2001", "Manager"));
        Assert.Equal((NotificationKinds.OrderAccepted, "order", order, true), (manager.Kind, manager.SubjectType, manager.SubjectId, manager.Personal));
        Assert.StartsWith($"Order {dto.Number} from Arbat Foods accepted by 1001: 3 lines, 3919.50, delivery 2026-11-27 09:00-12:00", manager.Text, StringComparison.Ordinal);
        Assert.Contains(await demo.NotificationsOfAsync("5001", "Dispatcher"), n => n.SubjectId == order && n.Department == "dispatch");
        Assert.DoesNotContain(await demo.NotificationsOfAsync("2002", "Manager"), n => n.SubjectId == order);
        Assert.Equal(2, await demo.Provider.InScopeAsync(db => db.Outbox.CountAsync(m => m.MessageType == typeof(NotificationCreated).FullName)));
    }

    [Fact]
    public async Task Accept_Twice_SameOrderAndNoSecondEvent()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CompleteDraftAsync(demo, "Arbat Foods");
        var first = Ok(await AcceptAsync(demo, order));

        var second = Ok(await AcceptAsync(demo, order));

        Assert.Equal((first.Id, first.Number, first.AcceptedAt, first.Total), (second.Id, second.Number, second.AcceptedAt, second.Total));
        Assert.Equal(1, await AcceptedEventsAsync(demo));
    }

    [Fact]
    public async Task Accept_TwiceAtOnce_OneEvent()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CompleteDraftAsync(demo, "Arbat Foods");

        var results = await Task.WhenAll(AcceptAsync(demo, order), AcceptAsync(demo, order), AcceptAsync(demo, order));

        Assert.All(results, r => Assert.IsType<Ok<OrderDto>>(r.Result));
        Assert.Equal(1, await AcceptedEventsAsync(demo));
    }

    [Fact]
    public async Task EditAcceptedOrder_Conflict()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CompleteDraftAsync(demo, "Arbat Foods");
        await AcceptAsync(demo, order);

        var lines = await LinesAsync(demo, order, ("BTR-82", 1m));
        var delivery = await DeliveryAsync(demo, order, new DeliveryTerms(Tomorrow, null, "Someone", null, null, null, null, null));

        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(lines.Result).StatusCode);
        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(delivery.Result).StatusCode);
    }

    [Fact]
    public async Task Upsell_ProductAlreadyOrderedOrTooFewOffers_BadRequest()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CreateAsync(demo, "Arbat Foods");
        await LinesAsync(demo, order, ("CHS-RUS", 1m));

        var ordered = await UpsellAsync(demo, order, ("CHS-RUS", false), ("YGT-MNG", false), ("CFE-DRP", false));
        var tooFew = await UpsellAsync(demo, order, ("YGT-MNG", false), ("CFE-DRP", false));

        var errors = Assert.IsType<ValidationProblem>(ordered.Result).ProblemDetails.Errors;
        Assert.Equal(["CHS-RUS is already on the order: offer something else."], errors["offers[0].productId"]);
        Assert.Equal(["offers"], Assert.IsType<ValidationProblem>(tooFew.Result).ProblemDetails.Errors.Keys);
    }

    [Fact]
    public async Task Upsell_RecordedAgain_ReplacesTheLinesTheFirstAnswerAdded()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var order = await CreateAsync(demo, "Arbat Foods");
        await LinesAsync(demo, order, ("CHS-RUS", 1m));
        await UpsellAsync(demo, order, ("YGT-MNG", true), ("CFE-DRP", true), ("TEA-100", false));

        var dto = Ok(await UpsellAsync(demo, order, ("YGT-MNG", false), ("CFE-DRP", true), ("TEA-100", true), ("BTR-82", false)));

        Assert.Equal(["CFE-DRP", "CHS-RUS", "TEA-100"], dto.Lines.Select(l => l.Sku).Order());
        Assert.Equal(4, dto.UpsellOffers.Count);
        Assert.Equal(702m + 351m + 234m, dto.Total);
    }

    [Fact]
    public async Task Create_SameCallTwice_ReturnsTheOpenDraft()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var request = new CreateOrderRequest(await demo.ClientIdAsync("Arbat Foods"), Guid.NewGuid());

        var first = await demo.InScopeAsync<OrderDesk, Results<Created<OrderDto>, Ok<OrderDto>, ValidationProblem>>(async d => OrderEndpoints.Draft(await d.CreateAsync(request, "1001", CancellationToken.None)));
        var second = await demo.InScopeAsync<OrderDesk, Results<Created<OrderDto>, Ok<OrderDto>, ValidationProblem>>(async d => OrderEndpoints.Draft(await d.CreateAsync(request, "1001", CancellationToken.None)));

        Assert.Equal(Assert.IsType<Created<OrderDto>>(first.Result).Value!.Id, Assert.IsType<Ok<OrderDto>>(second.Result).Value!.Id);
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task List_ByClientAndStatus_PagesNewestFirst()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var arbat = await demo.ClientIdAsync("Arbat Foods");
        var drafts = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            drafts.Add(await CreateAsync(demo, "Arbat Foods"));
        }

        await CreateAsync(demo, "Corner Shop");

        var page = await demo.InScopeAsync<OrderReader, OrderPageDto>(r => r.ListAsync(arbat, OrderStatus.Draft, 1, 2, CancellationToken.None));
        var last = await demo.InScopeAsync<OrderReader, OrderPageDto>(r => r.ListAsync(arbat, OrderStatus.Draft, 2, 2, CancellationToken.None));

        Assert.Equal(3, page.TotalCount);
        Assert.Equal([drafts[2], drafts[1]], page.Items.Select(o => o.Id));
        Assert.Equal([drafts[0]], last.Items.Select(o => o.Id));
    }

    /// <summary>A draft with lines, delivery and an upsell answer taken from the card's suggestions (2 of them accepted).</summary>
    private static async Task<Guid> CompleteDraftAsync(DemoScenario demo, string client, DeliveryTerms? delivery = null)
    {
        var order = await CreateAsync(demo, client);
        Ok(await LinesAsync(demo, order, ("CHS-RUS", 5m)));
        Ok(await DeliveryAsync(demo, order, delivery ?? new DeliveryTerms(Tomorrow, "09:00-12:00", "Ivan Receiver", "Maria Payer", "Olga Signer", null, null, null)));
        var clientId = await demo.ClientIdAsync(client);
        var card = await demo.InScopeAsync<ClientCardReader, ClientCardDto?>(r => r.ReadAsync(clientId, order, CancellationToken.None));
        var suggestions = card!.UpsellSuggestions;
        Ok(await demo.InScopeAsync<OrderDesk, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async desk => DeskHttp.Ok(await desk.RecordUpsellAsync(order,
            new UpsellRequest(suggestions.Select((s, i) => new UpsellAnswerRequest(s.ProductId, s.IsNew && i < 3, null)).ToList()), "1001",
            CancellationToken.None))));
        return order;
    }

    private static async Task<Guid> CreateAsync(DemoScenario demo, string client)
    {
        var clientId = await demo.ClientIdAsync(client);
        var result = await demo.InScopeAsync<OrderDesk, Results<Created<OrderDto>, Ok<OrderDto>, ValidationProblem>>(
            async desk => OrderEndpoints.Draft(await desk.CreateAsync(new CreateOrderRequest(clientId, null), "1001", CancellationToken.None)));
        return Assert.IsType<Created<OrderDto>>(result.Result).Value!.Id;
    }

    private static async Task<Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>> LinesAsync(DemoScenario demo, Guid order,
        params (string Sku, decimal Quantity)[] lines)
    {
        var request = new ReplaceLinesRequest(await Task.WhenAll(lines.Select(async l => new OrderLineRequest(await demo.ProductIdAsync(l.Sku), l.Quantity))));
        return await demo.InScopeAsync<OrderDesk, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async desk => DeskHttp.Ok(await desk.ReplaceLinesAsync(order, request, "1001", CancellationToken.None)));
    }

    private static async Task<Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpsellAsync(DemoScenario demo, Guid order,
        params (string Sku, bool Accepted)[] offers)
    {
        var request = new UpsellRequest(await Task.WhenAll(offers.Select(async o => new UpsellAnswerRequest(await demo.ProductIdAsync(o.Sku), o.Accepted, null))));
        return await demo.InScopeAsync<OrderDesk, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async desk => DeskHttp.Ok(await desk.RecordUpsellAsync(order, request, "1001", CancellationToken.None)));
    }

    private static Task<Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>> DeliveryAsync(DemoScenario demo, Guid order, DeliveryTerms request) =>
        demo.InScopeAsync<OrderDesk, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async desk => DeskHttp.Ok(await desk.SetDeliveryAsync(order, request, "1001", CancellationToken.None)));

    private static Task<Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>> AcceptAsync(DemoScenario demo, Guid order) =>
        demo.InScopeAsync<OrderDesk, Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async desk => DeskHttp.Ok(await desk.AcceptAsync(order, "1001", CancellationToken.None)));

    private static Task<int> AcceptedEventsAsync(DemoScenario demo) =>
        demo.Provider.InScopeAsync(db => db.Outbox.CountAsync(m => m.MessageType == typeof(OrderAccepted).FullName));

    private static OrderDto Ok(Results<Ok<OrderDto>, NotFound, ValidationProblem, ProblemHttpResult> result) =>
        Assert.IsType<Ok<OrderDto>>(result.Result).Value!;
}
