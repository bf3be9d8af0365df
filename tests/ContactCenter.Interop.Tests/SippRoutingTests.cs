using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Model;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// The ACD end to end: sipp as the carrier calling 7000/7001 from the demo clients' numbers in several formats,
/// sipp agents registered as the demo extensions. Each test checks who received the call, what the call record
/// says about the decision, and that the explain endpoint predicted it.
/// </summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SippRoutingTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task DefaultPolicy_EveryRule_ExpectedExtensionAnswersAndExplainAgrees()
    {
        await using var rig = await CallRig.StartAsync(fixture, "--Acd:WrapUp=00:00:00");
        foreach (var extension in new[] { "1001", "2001", "2002", "2101", "3001", "3002", "4001" })
        {
            await rig.AddAgentAsync(extension, "agent-answer.xml");
        }

        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        // (number as the carrier sends it, E.164, service number, expected rule, expected extension)
        (string From, string E164, string Dialed, string Rule, string Answers)[] calls =
        [
            ("+74951000001", "+74951000001", "7000", "key-client", "2001"),        // Arbat Foods: its key-account manager
            ("84951000003", "+74951000003", "7000", "operator-queue", "1001"),     // Corner Shop (retail): operators
            ("74951000007", "+74951000007", "7000", "debt", "2101"),               // Late Payer: overdue, its manager
            ("84951000008", "+74951000008", "7000", "debt", "2002"),               // Over Limit: over the credit limit
            ("89161234567", "+79161234567", "7000", "new-caller", "3001"),         // unknown number: head of wholesale
            ("84951000005", "+74951000005", "7000", "new-caller", "3002"),         // Outlet No. 5, no manager: head of sales support
            ("+74822000004", "+74822000004", "7000", "operator-queue", "1001"),    // Tver Market (regional): operators
        ];
        foreach (var (from, e164, dialed, rule, answers) in calls)
        {
            var explained = await ExplainAsync(admin, from, dialed);
            Assert.Equal(rule, explained["rule"]!.GetValue<string>());
            Assert.Equal(answers, explained["wouldOffer"]?.GetValue<string>());

            var caller = await rig.CallAsync("trunk-call.xml", dialed: dialed, caller: from);

            Assert.True(caller.ExitCode == 0, $"{from}: " + rig.Diagnostics(caller));
            var call = await rig.WaitForEndedCallFromAsync(e164);
            Assert.Equal(rule, call.RuleName);
            Assert.Equal(answers, call.AnsweredBy);
            Assert.Equal(rule, JsonNode.Parse(call.RoutingTrace!)!["rule"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task OtherMattersInVoiceMenu_RetailClient_GoesToItsManager()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        await rig.AddAgentAsync("2101", "agent-answer.xml");

        // Corner Shop presses 3 ("other matters") on 7001.
        var caller = await rig.CallAsync("trunk-menu.xml", dialed: "7001", caller: "84951000003");

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallFromAsync("+74951000003");
        Assert.Equal("other", call.MenuChoice);
        Assert.Equal("other-matters", call.RuleName);
        Assert.Equal("2101", call.AnsweredBy);
    }

    [Fact]
    public async Task KeyClient_ManagerNotRegistered_OtherKeyAccountManagerAnswers()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("2002", "agent-answer.xml");
        await rig.AddAgentAsync("3001", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-call.xml", caller: "8 495 1000001".Replace(" ", "", StringComparison.Ordinal));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallFromAsync("+74951000001");
        Assert.Equal("key-client", call.RuleName);
        Assert.Equal("2002", call.AnsweredBy);
        Assert.Contains(("2001", "assigned-manager: not registered"), Steps(call));
    }

    [Fact]
    public async Task KeyClient_ManagerBusy_OtherKeyAccountManagerAnswers()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("2001", "agent-busy.xml");
        await rig.AddAgentAsync("2002", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-call.xml", caller: "+74951000001");

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallFromAsync("+74951000001");
        Assert.Equal("2002", call.AnsweredBy);
        Assert.Contains(call.Timeline, e => e.Type == nameof(CallOfferFailed) && e.Data.Contains("2001", StringComparison.Ordinal)
            && e.Data.Contains("busy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyClient_ManagerDoesNotAnswer_RingTimeoutThenHeadOfWholesale()
    {
        await using var rig = await CallRig.StartAsync(fixture, "--Sip:Calls:RingTimeout=00:00:02");
        await rig.AddAgentAsync("2001", "agent-noanswer.xml");
        await rig.AddAgentAsync("3001", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-call.xml", caller: "74951000001");

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallFromAsync("+74951000001");
        Assert.Equal("3001", call.AnsweredBy);
        Assert.Contains(call.Timeline, e => e.Type == nameof(CallOfferFailed) && e.Data.Contains("no answer", StringComparison.Ordinal));
        // 2002 (the other key-account manager) has no phone: skipped with its reason.
        Assert.Contains(("2002", "key-account-managers: not registered"), Steps(call));
    }

    [Fact]
    public async Task AdminChangesRuleAndAgentTakesBreak_NextCallsFollowAtOnce()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("2001", "agent-answer.xml");
        await rig.AddAgentAsync("2002", "agent-answer.xml");
        await rig.AddAgentAsync("3001", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");

        // 1. The key-account manager takes a break: the call goes to the other one, and the trace says why.
        using var dmitry = rig.Host.CreateClient("2001", "pw2001");
        var onBreak = await dmitry.PutAsJsonAsync("api/agents/2001/state", new { state = "break", reason = "lunch" });
        Assert.Equal(HttpStatusCode.OK, onBreak.StatusCode);
        using var boris = rig.Host.CreateClient("1002", "pw1002");
        var notYours = await boris.PutAsJsonAsync("api/agents/2001/state", new { state = "available" });
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);

        var first = await rig.CallAsync("trunk-call.xml", caller: "+74951000001");
        Assert.True(first.ExitCode == 0, rig.Diagnostics(first));
        var call1 = await rig.WaitForEndedCallFromAsync("+74951000001");
        Assert.Equal("2002", call1.AnsweredBy);
        Assert.Contains("on break (lunch)", call1.RoutingTrace, StringComparison.Ordinal);
        await dmitry.PutAsJsonAsync("api/agents/2001/state", new { state = "available" });

        // 2. An admin sends key clients to the head of wholesale first; the next call follows without a restart.
        var current = await admin.GetFromJsonAsync<JsonObject>("api/routing/policy");
        var version = current!["version"]!.GetValue<int>();
        var policy = current["policy"]!.AsObject();
        var keyRule = policy["rules"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "key-client")!;
        keyRule["targets"] = new JsonArray("department-head:wholesale", "assigned-manager");

        var invalid = JsonNode.Parse(policy.ToJsonString())!.AsObject();
        invalid["rules"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "key-client")!["targets"] = new JsonArray("extension:9999");
        var rejected = await admin.PutAsync("api/routing/policy", Json(invalid));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("9999 is not a known extension", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await admin.PutAsync($"api/routing/policy?expectedVersion={version}&comment=key%20clients%20via%20the%20head", Json(policy));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var stale = await admin.PutAsync($"api/routing/policy?expectedVersion={version}", Json(policy));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var second = await rig.CallAsync("trunk-call.xml", caller: "+74951000001");
        Assert.True(second.ExitCode == 0, rig.Diagnostics(second));
        var call2 = await rig.WaitForEndedCallFromAsync("+74951000001", skip: 1);
        Assert.Equal("3001", call2.AnsweredBy);

        var history = await admin.GetFromJsonAsync<JsonArray>("api/routing/policy/history");
        Assert.Equal(version + 1, history![0]!["version"]!.GetValue<int>());
        Assert.Equal("admin", history[0]!["createdBy"]!.GetValue<string>());
        using var operatorClient = rig.Host.CreateClient("1001", "pw1001");
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("api/routing/policy")).StatusCode);
    }

    [Fact]
    public async Task OperatorQueue_OnlyOperatorBusy_SecondCallerWaitsThenGetsTheOperator()
    {
        await using var rig = await CallRig.StartAsync(fixture, "--Acd:WrapUp=00:00:00", "--Sip:Calls:QueuePollInterval=00:00:00.500");
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");

        // Corner Shop gets 1001 and talks for 10 s; only then does Tver Market call (over TCP: the trunk is trusted by address,
        // and the first sipp holds the UDP port), and waits in the queue until Corner Shop hangs up. The second call is placed
        // once the first is answered, not at a fixed interval: on a loaded machine the first call's routing can take longer
        // than any interval, and the callers would swap places.
        var first = rig.CallAsync("trunk-call.xml", caller: "84951000003", pause: TimeSpan.FromSeconds(10));
        await CallRig.WaitForLiveCallAsync(admin, answered: true);
        var second = rig.CallAsync("trunk-call.xml", caller: "84822000004", tcp: true);

        using var staff = rig.Host.CreateClient("1001", "pw1001");
        JsonNode? operators = null;
        for (var i = 0; i < 100 && operators?["figures"]!["waiting"]!.GetValue<int>() != 1; i++)
        {
            await Task.Delay(100);
            var queues = await staff.GetFromJsonAsync<JsonArray>("api/queues");
            operators = queues!.Single(q => q!["name"]!.GetValue<string>() == "operators")!;
        }

        Assert.True(operators!["figures"]!["waiting"]!.GetValue<int>() == 1, operators.ToJsonString() + "\n" + rig.Host.Output);
        var explained = await ExplainAsync(admin, "84822000004", "7000");
        Assert.True(explained["wouldOffer"] is null, explained.ToJsonString() + "\n" + operators.ToJsonString());

        var talked = await first;
        Assert.True(talked.ExitCode == 0, rig.Diagnostics(talked));
        var waitedCaller = await second;
        Assert.True(waitedCaller.ExitCode == 0, rig.Diagnostics(waitedCaller));

        var waited = await rig.WaitForEndedCallFromAsync("+74822000004");
        Assert.Equal("1001", waited.AnsweredBy);
        Assert.Equal("operators", waited.QueueName);
        Assert.Contains(waited.Timeline, e => e.Type == nameof(CallQueued));
        Assert.True(waited.AnsweredAt - waited.ReceivedAt > TimeSpan.FromSeconds(2), "the second caller should have waited for the first call to end");
    }

    [Fact]
    public async Task TransferToClientsManager_ManagerHasNoPhone_AcdPicksHeadOfSalesSupport()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        await rig.AddAgentAsync("3002", "agent-answer.xml");
        using var operatorClient = rig.Host.CreateClient("1001", "pw1001");

        // Corner Shop reaches the operator and asks for its manager (2101, whose phone is not registered).
        var calling = rig.CallAsync("trunk-call.xml", caller: "84951000003", pause: TimeSpan.FromSeconds(6));
        var live = await CallRig.WaitForLiveCallAsync(operatorClient, answered: true);
        using var response = await operatorClient.PostAsJsonAsync($"api/live-calls/{live}/transfer", new { target = "manager", reason = "delivery terms" });
        var caller = await calling;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("3002", (await response.Content.ReadFromJsonAsync<JsonObject>())!["target"]!.GetValue<string>());
        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallFromAsync("+74951000003");
        var transferred = call.Timeline.Single(e => e.Type == nameof(CallTransferred));
        Assert.Contains("\"3002\"", transferred.Data.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueuedCallerPressesOne_CalledBackWhenTheOperatorIsFree_Once()
    {
        await using var rig = await CallRig.StartAsync(fixture, "--Acd:WrapUp=00:00:03", "--Sip:Calls:QueuePollInterval=00:00:00.500");
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");

        // Corner Shop talks to the only operator for 8 s.
        var first = rig.CallAsync("trunk-call.xml", caller: "84951000003", pause: TimeSpan.FromSeconds(8));
        await CallRig.WaitForLiveCallAsync(admin, answered: true);

        // Tver Market calls meanwhile (over TCP: the trunk is trusted by address), waits, presses 1: 480 after the confirmation.
        var asking = await Sipp.RunAsync(Sipp.Scenario("trunk-callback.xml"), rig.Host.SipTarget, FreePorts.Next(), tcp: true, extraArguments:
            ["-key", "dialed", "7000", "-key", "caller", "84822000004", "-mp", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)],
            timeout: TimeSpan.FromSeconds(40));
        Assert.True(asking.ExitCode == 0, rig.Diagnostics(asking));
        var queues = await admin.GetFromJsonAsync<JsonArray>("api/queues");
        Assert.Equal(1, queues!.Single(q => q!["name"]!.GetValue<string>() == "operators")!["figures"]!["callbacks"]!.GetValue<int>());

        // Corner Shop hangs up; while 1001 is in wrap-up the carrier side is ready to take the callback on the trunk port.
        Assert.True((await first).ExitCode == 0, rig.Diagnostics(await first));
        var client = Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), rig.Host.SipTarget, rig.TrunkPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), "-rtp_echo"], timeout: TimeSpan.FromSeconds(40));

        // The ACD places the callback when 1001 is free: 1001's phone first, then Tver Market through the trunk.
        Guid callback = default;
        for (var i = 0; i < 150 && callback == default; i++)
        {
            await Task.Delay(100);
            var live = await admin.GetFromJsonAsync<JsonArray>("api/live-calls");
            var placed = live!.FirstOrDefault(c => c!["dialedNumber"]!.GetValue<string>() == "+74822000004" && c["phase"]!.GetValue<string>() == "Answered");
            callback = placed is null ? default : placed["callId"]!.GetValue<Guid>();
        }

        Assert.True(callback != default, "no callback was placed:\n" + rig.Host.Output);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/live-calls/{callback}")).StatusCode);
        Assert.True((await client).ExitCode == 0, rig.Diagnostics(await client));

        var asked = await rig.WaitForEndedCallFromAsync("+74822000004");
        Assert.Equal("callback requested", asked.EndReason);
        await using var db = CrmDatabaseFixture.CreateContext(rig.ConnectionString);
        var placedCalls = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Calls.Where(c => c.DialedNumber == "+74822000004" && c.RuleName == "callback"));
        var record = Assert.Single(placedCalls);
        Assert.Equal("1001", record.AnsweredBy);
        // The request was kept in the database (a restart would not have lost it) and is settled now.
        QueuedCallback? saved = null;
        for (var i = 0; i < 50 && saved?.Outcome is null; i++)
        {
            await Task.Delay(100);
            await using var check = CrmDatabaseFixture.CreateContext(rig.ConnectionString);
            saved = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(check.QueuedCallbacks);
        }

        Assert.Equal(("+74822000004", "answered"), (saved?.Number, saved?.Outcome));
        queues = await admin.GetFromJsonAsync<JsonArray>("api/queues");
        Assert.Equal(0, queues!.Single(q => q!["name"]!.GetValue<string>() == "operators")!["figures"]!["callbacks"]!.GetValue<int>());
    }

    [Fact]
    public async Task RingAllQueue_BothOperatorsRingAtOnce_TheOneWhoAnswersTakesIt()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-noanswer.xml");
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        var current = await admin.GetFromJsonAsync<JsonObject>("api/routing/policy");
        var policy = current!["policy"]!.AsObject();
        policy["queues"]![0]!["strategy"] = "ring-all";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("api/routing/policy", Json(policy))).StatusCode);

        var caller = await rig.CallAsync("trunk-call.xml", caller: "84951000003");

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallFromAsync("+74951000003");
        Assert.Equal("1002", call.AnsweredBy);
        Assert.Equal(2, call.Timeline.Count(e => e.Type == nameof(CallOffered)));
        // 1001, first in longest-idle order, never answers: had they rung one after another, 1002 would wait out the 20 s ring timeout.
        Assert.True(call.AnsweredAt - call.ReceivedAt < TimeSpan.FromSeconds(5), $"answered after {call.AnsweredAt - call.ReceivedAt}");
        Assert.Contains(call.Timeline, e => e.Type == nameof(CallOfferFailed) && e.Data.Contains("answered by 1002", StringComparison.Ordinal));
    }

    private static async Task<JsonObject> ExplainAsync(HttpClient client, string from, string to)
    {
        var response = await client.GetAsync($"api/routing/explain?from={Uri.EscapeDataString(from)}&to={to}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static List<(string Extension, string Verdict)> Steps(CallRecord call) =>
        [.. JsonNode.Parse(call.RoutingTrace!)!["steps"]!.AsArray().Select(s => (s!["extension"]!.GetValue<string>(), s["verdict"]!.GetValue<string>()))];

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");
}
