using System.Net.Http.Json;
using ContactCenter.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>A promotion decided by the head of wholesale, offered by the operator on a real (sipp) call and applied to the order on the desk.</summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class PromotionDeskTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 15_000 };

    private static readonly LocatorAssertionsToContainTextOptions SoonContains = new() { Timeout = 15_000 };

    [Fact]
    public async Task Promotion_OfferedDuringTheCall_TakenByTheClient_OrderShowsTheDiscountAndTheBonus()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        using (var head = rig.Host.CreateClient("3001", "pw3001"))
        using (var created = await head.PostAsJsonAsync("api/promotions", new
        {
            name = "Sugar days", description = "10% off sugar, a litre of milk free", startsOn = "2020-01-01", endsOn = "2099-12-31",
            discountPercent = 10, bonusSku = "MLK-32", bonusQuantity = 1, products = new[] { "SGR-1" }, clientTypes = new[] { "retail" },
        }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await rig.AddPhoneAsync("1001", "agent-answer.xml");
        var page = await rig.SignInAsync("1001", "pw1001", "desk.html");
        await WebRig.WaitLiveAsync(page);

        // Corner Shop (retail) calls the operator queue; 1001 answers and talks for 25 s.
        var call = rig.CallAsync("84951000003", TimeSpan.FromSeconds(25));
        await Expect(page.Locator("#card-name")).ToHaveTextAsync("Corner Shop", Soon);
        await Expect(page.Locator("#call-phase")).ToHaveTextAsync("answered", Soon);
        await Expect(page.Locator("#card-promotions")).ToContainTextAsync("Sugar days");
        await Expect(page.Locator("#card-promotions")).ToContainTextAsync("10% off SGR-1; 1 x MLK-32 Milk 3.2%, 1 l free");

        await page.FillAsync("#catalog-search", "sugar");
        var sugar = page.Locator("#catalog-results tr[data-sku='SGR-1']");
        await Expect(sugar).ToContainTextAsync("/ pcs", SoonContains);
        await page.FillAsync("#line-qty", "20");
        await sugar.Locator("button.catalog-add").ClickAsync();
        await OperatorDeskTests.AnswerUpsellAsync(page);
        await page.SelectOptionAsync("select[aria-label='Answer for Sugar days']", "yes");
        await page.FillAsync("#delivery-date", OperatorDeskTests.DeliveryDate());
        await page.FillAsync("#receiver-name", "Olga Receiver");
        await page.ClickAsync("#accept-order");

        await Expect(page.Locator("#order-banner")).ToContainTextAsync("promotions: Sugar days", SoonContains);
        await Expect(page.Locator("#order-lines tr.discount-line")).ToContainTextAsync("-10% Sugar days");
        await Expect(page.Locator("#order-lines tr.bonus-line")).ToContainTextAsync("MLK-32");
        await Expect(page.Locator("#order-lines tr.bonus-line")).ToContainTextAsync("bonus: Sugar days");
        await Expect(page.Locator("#call-phase")).ToHaveTextAsync("answered");
        await Screenshots.SaveAsync(page, "order-promotion");
        using var api = rig.Host.CreateClient("1001", "pw1001");
        var orders = await api.GetFromJsonAsync<OrderPage>("api/orders?status=Accepted");
        var order = await api.GetFromJsonAsync<Order>($"api/orders/{Assert.Single(orders!.Items).Id}");
        var line = order!.Lines.Single(l => l.Sku == "SGR-1" && !l.IsBonus);
        Assert.Equal((10m, Math.Round(line.ListPrice * 0.9m, 2, MidpointRounding.AwayFromZero)), (line.DiscountPercent, line.UnitPrice));
        Assert.Contains(order.Lines, l => l is { Sku: "MLK-32", IsBonus: true, LineTotal: 0m });
        var caller = await call;
        Assert.True(caller.ExitCode == 0, caller.Output + caller.Errors);
    }

    private sealed record OrderPage(List<OrderItem> Items);

    private sealed record OrderItem(Guid Id);

    private sealed record Order(List<Line> Lines);

    private sealed record Line(string Sku, decimal ListPrice, decimal UnitPrice, decimal LineTotal, decimal? DiscountPercent, bool IsBonus);
}
