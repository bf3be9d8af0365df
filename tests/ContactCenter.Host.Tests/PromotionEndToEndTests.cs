using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;

namespace ContactCenter.Host.Tests;

/// <summary>Promotions through the real host: management creates them, the operator sees them on the card and applies one to an order.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class PromotionEndToEndTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Promotion_HeadCreates_OperatorMayNot_CardShowsIt_OrderTakesTheDiscount()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var head = host.CreateClient("3001", "pw3001");
        using var operatorClient = host.CreateClient("1001", "pw1001");
        var promotion = new
        {
            name = "Retail 15%", description = "15% off everything for retail shops", startsOn = "2020-01-01", endsOn = "2099-12-31",
            discountPercent = 15, clientTypes = new[] { "retail" },
        };

        using var refused = await operatorClient.PostAsJsonAsync("api/promotions", promotion);
        using var bad = await head.PostAsJsonAsync("api/promotions", new { name = "No benefit", startsOn = "2020-01-01", endsOn = "2019-01-01" });
        using var created = await head.PostAsJsonAsync("api/promotions", promotion);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var card = await operatorClient.GetFromJsonAsync<JsonElement>("api/clients/by-phone/" + Uri.EscapeDataString("+7 495 100-00-03") + "/card");
        using var draft = await operatorClient.PostAsJsonAsync("api/orders", new { clientId = card.GetProperty("id").GetString() });
        var orderId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var productId = card.GetProperty("traditionalProducts")[0].GetProperty("productId").GetString();
        using var lines = await operatorClient.PutAsJsonAsync($"api/orders/{orderId}/lines", new { lines = new[] { new { productId, quantity = 4 } } });
        using var taken = await operatorClient.PutAsJsonAsync($"api/orders/{orderId}/promotions", new { offers = new[] { new { promotionId = id, accepted = true } } });
        var order = await taken.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["discountPercent", "endsOn"], (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["Retail 15%"], card.GetProperty("promotions").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.OK, lines.StatusCode);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var line = Assert.Single(order.GetProperty("lines").EnumerateArray());
        var price = card.GetProperty("traditionalProducts")[0].GetProperty("price").GetDecimal();
        Assert.Equal((15m, Math.Round(price * 0.85m, 2, MidpointRounding.AwayFromZero)),
            (line.GetProperty("discountPercent").GetDecimal(), line.GetProperty("unitPrice").GetDecimal()));
    }
}
