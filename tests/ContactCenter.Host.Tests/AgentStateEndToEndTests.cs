using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.TestKit;

namespace ContactCenter.Host.Tests;

/// <summary>Agent states over the API, and what survives a restart of the service.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class AgentStateEndToEndTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task AbsenceWithSubstitute_SurvivesRestart_AndExplainSendsKeyClientToTheSubstitute()
    {
        var database = await fixture.NewDatabaseAsync();
        await using (var first = await HostProcess.StartAsync(database))
        {
            using var admin = first.CreateClient("admin", "admin-demo");
            using var set = await admin.PutAsJsonAsync("api/agents/2001/state", new { state = "absent", reason = "vacation", substitute = "2002" });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            using var bad = await admin.PutAsJsonAsync("api/agents/2001/state", new { state = "holiday" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            using var unknown = await admin.PutAsJsonAsync("api/agents/9999/state", new { state = "break" });
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            await Task.Delay(500); // saved in the background
        }

        await using var second = await HostProcess.StartAsync(database, seed: false);
        using var staff = second.CreateClient("1001", "pw1001");
        JsonObject? agent = null;
        for (var i = 0; i < 50 && agent?["chosen"]?.GetValue<string>() != "absent"; i++)
        {
            await Task.Delay(100);
            agent = await staff.GetFromJsonAsync<JsonObject>("api/agents/2001");
        }

        Assert.Equal("absent", agent!["chosen"]!.GetValue<string>());
        Assert.Equal("vacation", agent["reason"]!.GetValue<string>());
        Assert.Equal("2002", agent["substitute"]!.GetValue<string>());

        // Arbat Foods' manager is away: the router names the substitute (no phone is registered in this test).
        var explained = await staff.GetFromJsonAsync<JsonObject>("api/routing/explain?from=%2B74951000001&to=7000");
        var candidates = explained!["candidates"]!.AsArray();
        Assert.Contains(candidates, c => c!["extension"]?.GetValue<string>() == "2001"
            && c["verdict"]!.GetValue<string>() == "absent (vacation): substitute 2002 takes the duties");
        Assert.Contains(candidates, c => c!["source"]!.GetValue<string>() == "substitute for 2001" && c["extension"]!.GetValue<string>() == "2002");
    }
}
