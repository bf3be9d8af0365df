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
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
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
        var listed = await admin.GetFromJsonAsync<JsonElement>("api/admin/clients?search=8%20812%20300-00-01");
        Assert.Equal(["Baltic Fish"], listed.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        using var refusedList = await operatorClient.GetAsync("api/admin/clients?search=Baltic");
        Assert.Equal(HttpStatusCode.Forbidden, refusedList.StatusCode);
    }

    [Fact]
    public async Task ImportJob_AdminUploadsCsvAndPollsProgressToTheReport_OthersMayNotStartOrSeeIt()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var admin = host.CreateClient("admin", "admin-demo");
        using var operatorClient = host.CreateClient("1001", "pw1001");
        const string file = "externalId;name;type;phones\nJ-1;Job One;retail;+7 812 500-00-01\nJ-2;Job Two;wholesaler;+7 812 500-00-02\n";

        using var refused = await operatorClient.PostAsync("api/admin/import/clients/jobs?apply=good", Csv(file));
        using var badApply = await admin.PostAsync("api/admin/import/clients/jobs?apply=all", Csv(file));
        using var started = await admin.PostAsync("api/admin/import/clients/jobs?apply=good", Csv(file));
        var job = await started.Content.ReadFromJsonAsync<JsonElement>();
        var location = started.Headers.Location!.ToString();
        var polled = job;
        for (var i = 0; i < 100 && polled.GetProperty("state").GetString() is not ("done" or "failed"); i++)
        {
            await Task.Delay(100);
            polled = await admin.GetFromJsonAsync<JsonElement>(location);
        }

        using var othersPoll = await operatorClient.GetAsync(location);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badApply.StatusCode);
        Assert.Equal(["apply"], (await badApply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(2, job.GetProperty("rows").GetInt32());
        Assert.Equal("done", polled.GetProperty("state").GetString());
        var report = polled.GetProperty("report");
        Assert.Equal((1, 1, true), (report.GetProperty("created").GetInt32(), report.GetProperty("valid").GetInt32(), report.GetProperty("applied").GetBoolean()));
        Assert.Equal([(3, "type")], report.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("field").GetString())));
        Assert.Equal(HttpStatusCode.Forbidden, othersPoll.StatusCode);
        var found = await operatorClient.GetFromJsonAsync<JsonElement>("api/clients?phone=%2B78125000001");
        Assert.Equal("Job One", found[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Catalog_AdminKeepsProductsAndPricesAndImportsJson_OperatorMayNot()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var admin = host.CreateClient("admin", "admin-demo");
        using var operatorClient = host.CreateClient("1001", "pw1001");
        var product = new { sku = "YOG-1", name = "Yoghurt, 150 g", unit = "pcs", isNew = true, traditionalFor = new[] { "retail" } };

        using var refused = await operatorClient.PostAsJsonAsync("api/admin/products", product);
        using var refusedList = await operatorClient.GetAsync("api/admin/price-lists");
        using var created = await admin.PostAsJsonAsync("api/admin/products", product);
        using var bad = await admin.PutAsJsonAsync("api/admin/products/YOG-1", new { unit = "" });
        var lists = await admin.GetFromJsonAsync<JsonElement>("api/admin/price-lists");
        var listId = lists[0].GetProperty("id").GetString();
        using var priced = await admin.PutAsJsonAsync($"api/admin/price-lists/{listId}/prices/YOG-1", new { prices = new decimal?[] { 60m, 57m, null } });
        using var imported = await admin.PostAsJsonAsync("api/admin/import/products?apply=good",
            new object?[] { new { sku = "YOG-2", name = "Yoghurt, 300 g", unit = "pcs" }, new { sku = "YOG-3", unit = "pcs" }, null });
        var found = await admin.GetFromJsonAsync<JsonElement>("api/admin/products?search=yog-");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (refused.StatusCode, refusedList.StatusCode));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["unit"], (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal([60m, 57m, null], (await priced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("prices").EnumerateArray()
            .Select(p => p.ValueKind == JsonValueKind.Null ? (decimal?)null : p.GetDecimal()));
        var report = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        var problems = report.GetProperty("problems").EnumerateArray().Select(p => (Line: p.GetProperty("line").GetInt32(), Field: p.GetProperty("field").GetString())).ToList();
        Assert.Equal(["name"], problems.Where(p => p.Line == 2).Select(p => p.Field));
        Assert.Contains((3, "product"), problems);
        Assert.Equal(["YOG-1", "YOG-2"], found.EnumerateArray().Select(p => p.GetProperty("sku").GetString()));
    }

    private static StringContent Csv(string text) => new(text, System.Text.Encoding.UTF8, "text/csv");
}
