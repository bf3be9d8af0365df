using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;

namespace ContactCenter.Host.Tests;

/// <summary>The admin console's master data through the real host: only admins change it, bad fields are named.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class MasterDataEndToEndTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Clients_AdminCreatesAndTheOperatorFindsIt_OperatorMayNotChangeMasterData()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDatabaseAsync());
        using var admin = host.CreateClient("admin", "admin-demo");
        using var operatorClient = host.CreateClient("1001", "pw1001");
        var client = new { name = "Baltic Fish", type = "regional", phones = new[] { "8 812 300-00-01" }, manager = "2101", creditLimit = 75000 };

        using var refused = await operatorClient.PostAsJsonAsync("api/admin/clients", client);
        using var bad = await admin.PostAsJsonAsync("api/admin/clients", new { name = "No Phone", type = "regional", phones = Array.Empty<string>() });
        using var created = await admin.PostAsJsonAsync("api/admin/clients", client);
        var found = await operatorClient.GetFromJsonAsync<JsonElement>("api/clients?phone=%2B78123000001");
        using var receivable = await admin.PostAsJsonAsync($"api/admin/clients/{found[0].GetProperty("id").GetString()}/receivables",
            new { documentNumber = "INV-1", outstanding = 100, dueDate = "2030-01-31" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["phones"], (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Baltic Fish", found[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Created, receivable.StatusCode);
    }
}
