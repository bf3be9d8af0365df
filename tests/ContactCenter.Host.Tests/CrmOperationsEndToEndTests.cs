using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;

namespace ContactCenter.Host.Tests;

/// <summary>New clients, complaints, notifications and reports through the real host: who may do what, and the CSV.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class CrmOperationsEndToEndTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Lists_FeedbackCategoriesFromConfigurationAndClientTypesFromTheDatabase_StaffOnly()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(), ["--Crm:Feedback:Categories:packaging=quality"]);
        using var operatorClient = host.CreateClient("1001", "pw1001");
        using var anonymous = host.CreateClient();

        var categories = await operatorClient.GetFromJsonAsync<JsonElement>("api/feedback/categories");
        var types = await operatorClient.GetFromJsonAsync<JsonElement>("api/client-types");
        using var signedOut = await anonymous.GetAsync(new Uri("api/client-types", UriKind.Relative));

        Assert.Contains(categories.EnumerateArray(), c => c.GetProperty("category").GetString() == "packaging" && c.GetProperty("department").GetString() == "quality");
        Assert.Contains(categories.EnumerateArray(), c => c.GetProperty("category").GetString() == "delivery" && c.GetProperty("department").GetString() == "dispatch");
        Assert.Contains(types.EnumerateArray(), t => t.GetProperty("code").GetString() == "own-outlet" && t.GetProperty("name").GetString() == "Own outlet");
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
    }

    [Fact]
    public async Task Roles_OnlyHeadsAndAdminsAssignAndReview_ManagersReadTheirOwnReportRow()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var head = host.CreateClient("3001", "pw3001");
        using var operatorClient = host.CreateClient("1001", "pw1001");
        using var manager = host.CreateClient("2001", "pw2001");
        var outlet = (await head.GetFromJsonAsync<JsonElement>("api/clients/unassigned")).EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "Outlet No. 5").GetProperty("id").GetString();

        using var operatorList = await operatorClient.GetAsync(new Uri("api/clients/unassigned", UriKind.Relative));
        using var operatorAssign = await operatorClient.PutAsJsonAsync($"api/clients/{outlet}/manager", new { manager = "2101" });
        using var operatorReview = await operatorClient.PutAsJsonAsync($"api/feedback/{Guid.NewGuid()}", new { justified = true });
        using var operatorReport = await operatorClient.GetAsync(new Uri("api/reports/agents?from=2026-11-01&to=2026-11-30", UriKind.Relative));
        using var managerDepartments = await manager.GetAsync(new Uri("api/reports/departments?from=2026-11-01&to=2026-11-30", UriKind.Relative));
        var managerAgents = await manager.GetFromJsonAsync<JsonElement>("api/reports/agents?from=2026-11-01&to=2026-11-30");
        using var toOperator = await head.PutAsJsonAsync($"api/clients/{outlet}/manager", new { manager = "1001" });
        using var assigned = await head.PutAsJsonAsync($"api/clients/{outlet}/manager", new { manager = "2101", priceColumn = 2 });
        using var anonymous = await host.CreateClient().GetAsync(new Uri("api/notifications", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, operatorList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorAssign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorReview.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorReport.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, managerDepartments.StatusCode);
        Assert.Equal(["2001"], managerAgents.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("extension").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, toOperator.StatusCode);
        Assert.Equal("1001 (Anna Petrova) is an operator, not a manager.",
            (await toOperator.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("manager")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal("2101", (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("managerExtension").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Complaint_OperatorRecordsIt_HeadOfQualityNotifiedJudgesItAndTheCsvCountsIt()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var operatorClient = host.CreateClient("1001", "pw1001");
        using var quality = host.CreateClient("3002", "pw3002");
        var client = await operatorClient.GetFromJsonAsync<JsonElement>("api/clients/by-phone/84951000001/card");

        using var recorded = await operatorClient.PostAsJsonAsync("api/feedback",
            new { clientId = client.GetProperty("id").GetString(), kind = "complaint", category = "quality", text = "Cheese arrived mouldy." });
        var id = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var unread = await quality.GetFromJsonAsync<JsonElement>("api/notifications?unread=true");
        var notification = unread.EnumerateArray().Single(n => n.GetProperty("subjectId").GetString() == id);
        using var read = await quality.PostAsync(new Uri($"api/notifications/{notification.GetProperty("id").GetString()}/read", UriKind.Relative), null);
        using var reviewed = await quality.PutAsJsonAsync($"api/feedback/{id}", new { justified = true, resolved = true, resolution = "Credit note issued." });
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var csv = await quality.GetStringAsync(new Uri($"api/reports/departments?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}&format=csv", UriKind.Relative));
        using var badPeriod = await quality.GetAsync(new Uri($"api/reports/departments?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("Complaint (quality) from Arbat Foods: Cheese arrived mouldy.", notification.GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.DoesNotContain((await quality.GetFromJsonAsync<JsonElement>("api/notifications?unread=true")).EnumerateArray(),
            n => n.GetProperty("subjectId").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        // The demo's complaint and this one went to quality; this one was judged justified.
        Assert.Contains("\r\nquality,Quality and complaints,0,0,0,0,,,,0,,,0,0,2,1,0,0,0\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Equal("'to' must be after 'from'.", (await badPeriod.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("to")[0].GetString());
    }
}
