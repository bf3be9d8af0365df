using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Contracts.Calls;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>Outbound work end to end: an operator dials a task of the demo call list through the engine and records the result.</summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SippOutboundTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task CallList_OperatorDialsTheNextTask_CallPlacedThroughTrunkAndResultReportedToTheHead()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        var client = Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), rig.Host.SipTarget, rig.TrunkPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-rtp_echo"], timeout: TimeSpan.FromSeconds(40));
        await Task.Delay(500);
        using var anna = rig.Host.CreateClient("1001", "pw1001");
        using var head = rig.Host.CreateClient("3001", "pw3001");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");

        using var notHead = await anna.PostAsJsonAsync("api/call-lists", new { name = "mine", purpose = "survey" });
        var next = await anna.GetFromJsonAsync<JsonElement>("api/call-tasks/next");
        var taskId = next.GetProperty("taskId").GetString();
        using var dial = await anna.PostAsync(new Uri($"api/call-tasks/{taskId}/dial", UriKind.Relative), null);
        var started = await dial.Content.ReadFromJsonAsync<JsonElement>();
        var live = await CallRig.WaitForLiveCallAsync(anna, answered: true);
        await Task.Delay(1000);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/live-calls/{live}")).StatusCode);
        var carrier = await client;
        using var result = await anna.PostAsJsonAsync($"api/call-tasks/{taskId}/result",
            new { result = "reached", notes = "likes the yogurt", answers = new Dictionary<string, string> { ["1"] = "yes", ["2"] = "5", ["3"] = "Friday" } });
        var listId = next.GetProperty("callListId").GetString();
        var progress = await head.GetFromJsonAsync<JsonElement>($"api/call-lists/{listId}/progress");

        Assert.Equal(HttpStatusCode.Forbidden, notHead.StatusCode);
        Assert.Equal(("Corner Shop", "+74951000003"), (next.GetProperty("client").GetProperty("name").GetString(), next.GetProperty("phone").GetString()));
        Assert.True(dial.StatusCode == HttpStatusCode.Accepted, await dial.Content.ReadAsStringAsync());
        Assert.True(carrier.ExitCode == 0, rig.Diagnostics(carrier));
        Assert.True(result.StatusCode == HttpStatusCode.OK, await result.Content.ReadAsStringAsync());
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal(started.GetProperty("callId").GetGuid(), call.Id);
        Assert.Equal(("call-list", "+74951000003", "1001", CallDirection.Outbound), (call.RuleName, call.DialedNumber, call.AnsweredBy, call.Direction));
        Assert.Equal(next.GetProperty("client").GetProperty("id").GetGuid(), call.ClientId); // the dialled number's client
        Assert.Equal((1, 1), (progress.GetProperty("done").GetInt32(), progress.GetProperty("results").GetProperty("reached").GetInt32()));
        var row = progress.GetProperty("tasks")[0];
        Assert.Equal(("done", "1001", "likes the yogurt"), (row.GetProperty("status").GetString(), row.GetProperty("operator").GetString(), row.GetProperty("notes").GetString()));
    }

    [Fact]
    public async Task ClickToCall_PremiumRateNumber_RefusedNamingTheDialPlan_NothingPlaced()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        using var boris = rig.Host.CreateClient("1002", "pw1002");

        using var placed = await boris.PostAsJsonAsync("api/live-calls", new { number = "8 809 123-45-67" });
        var body = await placed.Content.ReadAsStringAsync();
        var calls = await boris.GetFromJsonAsync<JsonElement>("api/live-calls");

        Assert.True((int)placed.StatusCode is >= 400 and < 500, $"{placed.StatusCode}: {body}");
        Assert.Contains("premium", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, calls.GetArrayLength());
    }

    [Fact]
    public async Task ClickToCall_NumberOfDoNotCallClient_ConflictAndNothingPlaced_DeliveriesForbiddenToOperators()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        using var boris = rig.Host.CreateClient("1002", "pw1002");
        var outlet = (await boris.GetFromJsonAsync<JsonElement>("api/clients?phone=84951000005"))[0].GetProperty("id").GetString();

        using var flag = await boris.PutAsJsonAsync($"api/clients/{outlet}/do-not-call", new { doNotCall = true, reason = "asked on the phone" });
        using var placed = await boris.PostAsJsonAsync("api/live-calls", new { number = "8 (495) 100-00-05" });
        var problem = await placed.Content.ReadFromJsonAsync<JsonElement>();
        var calls = await boris.GetFromJsonAsync<JsonElement>("api/live-calls");
        using var deliveries = await boris.GetAsync(new Uri("api/deliveries", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, flag.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, placed.StatusCode);
        Assert.Equal("Outlet No. 5 asked not to be called (do-not-call).", problem.GetProperty("detail").GetString());
        Assert.Equal(0, calls.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, deliveries.StatusCode);
    }
}
