using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Tests.Security;

/// <summary>Issue #16, web: call control by the staff record behind the user, orders by their author, sessions ended by a reset.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class WebAccessEndToEndTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task CallControl_UserNamedLikeAnExtensionWithoutStaffLink_Forbidden()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var host = await HostProcess.StartAsync(database);
        await using (var db = CrmDatabaseFixture.CreateContext(database))
        {
            // A user called "1002" that is nobody's staff record (e.g. made by an admin for someone else).
            await db.Users.Where(u => u.UserName == "1002").ExecuteUpdateAsync(u => u.SetProperty(x => x.StaffId, (Guid?)null));
        }

        using var impostor = host.CreateClient("1002", "pw1002");
        using var agent = host.CreateClient("1001", "pw1001");

        using var state = await impostor.PutAsJsonAsync("api/agents/1002/state", new { state = "break", reason = "coffee" });
        using var dialOwn = await impostor.PostAsJsonAsync("api/live-calls", new { number = "84951000003" });
        using var dialAs = await impostor.PostAsJsonAsync("api/live-calls", new { number = "84951000003", agent = "1002" });
        using var linkedState = await agent.PutAsJsonAsync("api/agents/1001/state", new { state = "break", reason = "coffee" });
        using var otherState = await agent.PutAsJsonAsync("api/agents/1002/state", new { state = "break", reason = "coffee" });
        var impostorMe = await impostor.GetFromJsonAsync<JsonElement>("api/auth/me");
        var agentMe = await agent.GetFromJsonAsync<JsonElement>("api/auth/me");

        Assert.Equal(HttpStatusCode.Forbidden, state.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, dialOwn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, dialAs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, linkedState.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherState.StatusCode);
        Assert.Equal(JsonValueKind.Null, impostorMe.GetProperty("extension").ValueKind);    // the desk shows no phone
        Assert.Equal("1001", agentMe.GetProperty("extension").GetString());
    }

    [Fact]
    public async Task Orders_ChangedOnlyByAuthorTheirHeadOrAdmin()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var author = host.CreateClient("2101", "pw2101");           // manager, sales support
        using var dispatcher = host.CreateClient("5001", "pw5001");
        using var otherHead = host.CreateClient("3001", "pw3001");        // head of wholesale
        using var ownHead = host.CreateClient("3002", "pw3002");          // head of sales support
        using var admin = host.CreateClient("admin", "admin-demo");
        var card = await author.GetFromJsonAsync<JsonElement>("api/clients/by-phone/84951000003/card");
        using var created = await author.PostAsJsonAsync("api/orders", new { clientId = card.GetProperty("id").GetString() });
        var orderId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var productId = card.GetProperty("traditionalProducts")[0].GetProperty("productId").GetString();
        object Lines(int quantity) => new { lines = new[] { new { productId, quantity } } };

        using var byDispatcher = await dispatcher.PutAsJsonAsync($"api/orders/{orderId}/lines", Lines(99));
        using var acceptByDispatcher = await dispatcher.PostAsync(new Uri($"api/orders/{orderId}/accept", UriKind.Relative), null);
        using var byOtherHead = await otherHead.PutAsJsonAsync($"api/orders/{orderId}/lines", Lines(98));
        using var byAuthor = await author.PutAsJsonAsync($"api/orders/{orderId}/lines", Lines(2));
        using var byOwnHead = await ownHead.PutAsJsonAsync($"api/orders/{orderId}/lines", Lines(3));
        using var byAdmin = await admin.PutAsJsonAsync($"api/orders/{orderId}/lines", Lines(4));
        var read = await dispatcher.GetFromJsonAsync<JsonElement>($"api/orders/{orderId}");

        Assert.Equal(HttpStatusCode.Forbidden, byDispatcher.StatusCode);
        Assert.Contains("(2101)", await byDispatcher.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, acceptByDispatcher.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherHead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAuthor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwnHead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(4m, Assert.Single(read.GetProperty("lines").EnumerateArray()).GetProperty("quantity").GetDecimal());
    }

    [Fact]
    public async Task Session_PasswordReset_OldCookieGets401()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var admin = host.CreateClient("admin", "admin-demo");
        using var browser = host.CreateClient(handler: host.CreateHandler(new CookieContainer()));
        using var login = await browser.PostAsJsonAsync("api/auth/login", new { userName = "1001", password = "pw1001" });
        var before = (await browser.GetAsync(new Uri("api/auth/me", UriKind.Relative))).StatusCode;
        var id = (await admin.GetFromJsonAsync<JsonElement>("api/users")).EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == "1001").GetProperty("id").GetGuid();

        using var reset = await admin.PutAsJsonAsync($"api/users/{id}/password", new { password = "a-new-long-password" });
        using var after = await browser.GetAsync(new Uri("api/auth/me", UriKind.Relative));
        using var again = await browser.PostAsJsonAsync("api/auth/login", new { userName = "1001", password = "a-new-long-password" });
        using var afterNewSignIn = await browser.GetAsync(new Uri("api/auth/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterNewSignIn.StatusCode);
    }
}
