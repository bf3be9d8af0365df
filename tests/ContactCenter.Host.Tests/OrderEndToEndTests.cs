using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;

namespace ContactCenter.Host.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class OrderEndToEndTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Order_ArbatFoodsTakenFromTheScreenPop_AcceptedAndListed()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var client = host.CreateClient("1001", "pw1001");
        var card = await client.GetFromJsonAsync<JsonElement>(new Uri("api/clients/by-phone/84951000001/card", UriKind.Relative));
        var clientId = card.GetProperty("id").GetString();

        var orderId = await DraftAsync(client, card);
        using var accept = await client.PostAsync(new Uri($"api/orders/{orderId}/accept", UriKind.Relative), null);
        var accepted = await accept.Content.ReadFromJsonAsync<JsonElement>();
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri($"api/orders?clientId={clientId}&status=Accepted", UriKind.Relative));

        Assert.Equal("Arbat Foods", card.GetProperty("name").GetString());
        Assert.Equal("2001", card.GetProperty("manager").GetProperty("extension").GetString());
        Assert.False(card.GetProperty("debt").GetProperty("ordersBlocked").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        Assert.Equal("Accepted", accepted.GetProperty("status").GetString());
        var lines = accepted.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(lines.Sum(l => l.GetProperty("lineTotal").GetDecimal()), accepted.GetProperty("total").GetDecimal());
        Assert.Equal(card.GetProperty("traditionalProducts")[0].GetProperty("price").GetDecimal() * 5,
            lines.Single(l => l.GetProperty("productId").GetString() == card.GetProperty("traditionalProducts")[0].GetProperty("productId").GetString())
                .GetProperty("lineTotal").GetDecimal());
        Assert.Equal(orderId, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Accept_LatePayer_ConflictSayingWhereToTransfer()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var client = host.CreateClient("1001", "pw1001");
        var card = await client.GetFromJsonAsync<JsonElement>(new Uri("api/clients/by-phone/" + Uri.EscapeDataString("+7 495 100-00-07") + "/card", UriKind.Relative));
        var orderId = await DraftAsync(client, card);

        using var accept = await client.PostAsync(new Uri($"api/orders/{orderId}/accept", UriKind.Relative), null);
        var problem = await accept.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Late Payer", card.GetProperty("name").GetString());
        Assert.True(card.GetProperty("debt").GetProperty("ordersBlocked").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);
        Assert.StartsWith("Overdue receivables of 18,500.00 since ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(": orders are not accepted; transfer to the manager (2101) or Finance.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptedOrder_CorrectedByTheClientsManager_CancelledByItsAuthor_AnotherOperatorRefused()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var author = host.CreateClient("1001", "pw1001");
        using var otherOperator = host.CreateClient("1002", "pw1002");
        using var manager = host.CreateClient("2001", "pw2001");
        var card = await author.GetFromJsonAsync<JsonElement>(new Uri("api/clients/by-phone/84951000001/card", UriKind.Relative));
        var orderId = await DraftAsync(author, card);
        using var accept = await author.PostAsync(new Uri($"api/orders/{orderId}/accept", UriKind.Relative), null);
        var found = await author.GetFromJsonAsync<JsonElement>(new Uri($"api/clients/{card.GetProperty("id").GetString()}/catalog?search=mlk", UriKind.Relative));
        var milk = found[0];

        using var refused = await otherOperator.PostAsJsonAsync(new Uri($"api/orders/{orderId}/cancel", UriKind.Relative), new { reason = "not mine" });
        using var corrected = await manager.PutAsJsonAsync(new Uri($"api/orders/{orderId}/correction", UriKind.Relative),
            new { reason = "client asked for milk only", lines = new[] { new { productId = milk.GetProperty("productId").GetString(), quantity = 20 } } });
        using var cancelled = await author.PostAsJsonAsync(new Uri($"api/orders/{orderId}/cancel", UriKind.Relative), new { reason = "client cancelled" });

        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        Assert.Equal("MLK-32", milk.GetProperty("sku").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(milk.GetProperty("price").GetDecimal() * 20, (await corrected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetDecimal());
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task CardAndOrders_Anonymous_Unauthorized()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var anonymous = host.CreateClient();

        using var card = await anonymous.GetAsync(new Uri("api/clients/by-phone/84951000001/card", UriKind.Relative));
        using var create = await anonymous.PostAsJsonAsync(new Uri("api/orders", UriKind.Relative), new { clientId = Guid.NewGuid() });
        using var accept = await anonymous.PostAsync(new Uri($"api/orders/{Guid.NewGuid()}/accept", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Unauthorized, card.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, accept.StatusCode);
    }

    /// <summary>A complete draft through the API: 5 of the card's first traditional product, delivery tomorrow, the card's suggestions answered.</summary>
    private static async Task<string> DraftAsync(HttpClient client, JsonElement card)
    {
        using var created = await client.PostAsJsonAsync(new Uri("api/orders", UriKind.Relative), new { clientId = card.GetProperty("id").GetString() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var orderId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var productId = card.GetProperty("traditionalProducts")[0].GetProperty("productId").GetString();
        await PutAsync(client, $"api/orders/{orderId}/lines", new { lines = new[] { new { productId, quantity = 5 } } });
        var tomorrow = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(1);
        await PutAsync(client, $"api/orders/{orderId}/delivery", new { deliveryDate = tomorrow, deliveryWindow = "09:00-12:00", receiverName = "Ivan Receiver", signerName = "Olga Signer" });
        var current = await client.GetFromJsonAsync<JsonElement>(new Uri($"api/clients/{card.GetProperty("id").GetString()}/card?orderId={orderId}", UriKind.Relative));
        var offers = current.GetProperty("upsellSuggestions").EnumerateArray()
            .Select((s, i) => new { productId = s.GetProperty("productId").GetString(), accepted = i == 0 }).ToList();
        await PutAsync(client, $"api/orders/{orderId}/upsell", new { offers });
        return orderId;
    }

    private static async Task PutAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PutAsJsonAsync(new Uri(path, UriKind.Relative), body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
