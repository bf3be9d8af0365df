using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbox;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Calls through the engine with real peers: sipp as the carrier calling the service numbers, sipp agents
/// registered as the demo extensions answering, ringing out, or refusing.
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SippCallTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task TrunkCall_AgentAnswers_AudioRelayedBothWaysAndCallLogged()
    {
        await using var rig = await CallRig.StartAsync(fixture, "--Sip:Calls:EarlyMedia=false");
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        // sipp plays 4.7 s of A-law speech from the carrier; the agent echoes it back.
        // Corner Shop, a retail client: the operator queue.
        var caller = await rig.CallAsync("trunk-call.xml", caller: "84951000003", pause: TimeSpan.FromSeconds(8));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1001", call.AnsweredBy);
        Assert.Equal(CallEndedBy.Caller, call.EndedBy);
        Assert.Equal("+74951000003", call.CallerE164);
        Assert.Equal("operator-queue", call.RuleName);
        AssertRelayedBothWays(await rig.ReadMediaSummaryAsync());

        // The operator finds the call in the call log API: Corner Shop by name, answered by them, with its events.
        using var operatorClient = rig.Host.CreateClient("1001", "pw1001");
        var mine = await operatorClient.GetFromJsonAsync<JsonElement>(new Uri("api/calls?number=84951000003", UriKind.Relative));
        var item = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal("Corner Shop", item.GetProperty("clientName").GetString());
        Assert.Equal("answered", item.GetProperty("outcome").GetString());
        Assert.True(item.GetProperty("talkSeconds").GetDouble() > 4, item.ToString());
        var detail = await operatorClient.GetFromJsonAsync<JsonElement>(new Uri($"api/calls/{call.Id}", UriKind.Relative));
        Assert.Equal(call.Timeline.Count, detail.GetProperty("timeline").GetArrayLength());
        Assert.Equal("operator-queue", detail.GetProperty("routingTrace").GetProperty("rule").GetString());
    }

    [Fact]
    public async Task TrunkCall_CallerRequires100rel_ReliableRingingPrackedThenAnswered()
    {
        await using var rig = await CallRig.StartAsync(fixture, "--Sip:Calls:EarlyMedia=false");
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        // The scenario fails unless the 180 carries Require: 100rel and an RSeq, and its PRACK gets 200 (RFC 3262).
        var caller = await rig.CallAsync("trunk-call-100rel.xml", caller: "84951000003", pause: TimeSpan.FromSeconds(2));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1001", call.AnsweredBy);
        Assert.Equal(CallEndedBy.Caller, call.EndedBy);
    }

    [Fact]
    public async Task TrunkCall_LateOffer_OfferIn200AnswerInAck_AudioRelayed()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1002", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-late-offer.xml", pause: TimeSpan.FromSeconds(8));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1002", call.AnsweredBy);
        Assert.Equal(CallEndedBy.Caller, call.EndedBy);
        AssertRelayedBothWays(await rig.ReadMediaSummaryAsync());
    }

    [Fact]
    public async Task TrunkCallOverTcp_AgentAnswersOverUdp_CallCompletes()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1003", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-call.xml", pause: TimeSpan.FromSeconds(1), tcp: true);

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1003", call.AnsweredBy);
        Assert.Equal(CallEndedBy.Caller, call.EndedBy);
    }

    [Fact]
    public async Task TrunkCall_AgentHangsUp_CarrierGetsBye()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1002", "agent-hangup.xml");

        var caller = await rig.CallAsync("trunk-call-remote-bye.xml");

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1002", call.AnsweredBy);
        Assert.Equal(CallEndedBy.Agent, call.EndedBy);
    }

    [Fact]
    public async Task TrunkCall_CallerCancelsWhileRinging_AgentGetsCancel()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-noanswer.xml");

        var caller = await rig.CallAsync("trunk-cancel.xml", pause: TimeSpan.FromSeconds(2));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Null(call.AnsweredBy);
        Assert.Equal(CallEndedBy.Caller, call.EndedBy);
        Assert.Contains(call.Timeline, e => e.Type == nameof(CallOffered));
        // The end is logged after CallEnded is published (teardown's report step), and the console logger writes on its own
        // thread: the call log's row can come first.
        Assert.Contains("Call ended by Caller: caller cancelled", Normalize(await rig.Host.OutputContainingAsync("ended by Caller: caller cancelled", TimeSpan.FromSeconds(10))),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrunkCall_FirstAgentBusy_NextAgentAnswers()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-busy.xml");
        await rig.AddAgentAsync("1002", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-call.xml");

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1002", call.AnsweredBy);
        Assert.Contains(("1001", "busy"), OfferFailures(call));
    }

    [Fact]
    public async Task TrunkCall_FirstAgentDoesNotAnswer_RingTimeoutMovesToNextAgent()
    {
        await using var rig = await CallRig.StartAsync(fixture, "--Sip:Calls:RingTimeout=00:00:02");
        await rig.AddAgentAsync("1001", "agent-noanswer.xml");
        await rig.AddAgentAsync("1003", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-call.xml");

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1003", call.AnsweredBy);
        Assert.Contains(("1001", "no answer"), OfferFailures(call));
    }

    [Fact]
    public async Task TrunkCall_CallerHoldsAndResumes_BothAnsweredAndLogged()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-hold.xml");

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        var order = call.Timeline.OrderBy(e => e.Sequence).Select(e => e.Type).ToList();
        Assert.True(order.IndexOf(nameof(CallHeld)) > order.IndexOf(nameof(CallAnswered)), string.Join(", ", order));
        Assert.True(order.IndexOf(nameof(CallResumed)) > order.IndexOf(nameof(CallHeld)), string.Join(", ", order));
        Assert.Contains("84951000001 held the call", rig.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrunkCall_TheCarrierSideRefersToAnExtension_Refused403_TheCallGoesOnWithTheAgent()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        // Finance (4001): where a fraudster would like to be put through. Without the refusal the engine would answer 202.
        var caller = await rig.CallAsync("trunk-refer-refused.xml", pause: TimeSpan.FromSeconds(2), keys: ["-key", "target", "4001"]);

        Assert.True(caller.ExitCode == 0, "the REFER was not refused with 403:\n" + rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal(("1001", 0, CallEndedBy.Caller), (call.AnsweredBy, call.TransferCount, call.EndedBy));
        Assert.DoesNotContain(call.Timeline, e => e.Type == nameof(CallTransferred));
    }

    [Fact]
    public async Task VoiceMenu_CallerPressesThree_CallClassifiedAsOtherMatters()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-menu.xml", dialed: "7001");

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("other", call.MenuChoice);
        Assert.Equal("1001", call.AnsweredBy);
        Assert.Contains("pressed 3 in the voice menu", rig.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlindTransfer_AgentRefersToAnotherExtension_CallerTalksToIt()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        var transferor = await rig.AddAgentAsync("1001", "agent-refer.xml", "-key", "target", "1003");
        await rig.AddAgentAsync("1003", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-call.xml", pause: TimeSpan.FromSeconds(6));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        var transfer = Events<CallTransferred>(call).Single();
        Assert.Equal(("1001", "1003", TransferKind.Blind), (transfer.FromExtension, transfer.ToTarget, transfer.Kind));
        Assert.Equal(1, call.TransferCount);
        Assert.DoesNotContain("failed", transferor.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AttendedTransfer_AgentConsultsThenRefersWithReplaces_CallerTalksToTheConsultedAgent()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        // 1001 answers the client, consults 1002 in a second call, then sends REFER with Replaces naming that call.
        var transferor = await rig.AddAgentAsync("1001", "agent-refer-replaces.xml", "-key", "target", "1002", "-key", "consult", "consult-1%40cc");
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");

        var calling = rig.CallAsync("trunk-call.xml", caller: "84951000003", pause: TimeSpan.FromSeconds(9));
        await CallRig.WaitForLiveCallAsync(admin, answered: true);
        var consulting = await Sipp.RunAsync(Sipp.Scenario("agent-consult.xml"), rig.Host.SipTarget, FreePorts.Next(), extraArguments:
            ["-key", "ext", "1001", "-au", "1001", "-ap", "pw1001", "-key", "dialed", "1002", "-cid_str", "consult-%u@cc",
             "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(30));
        var caller = await calling;

        Assert.True(consulting.ExitCode == 0, rig.Diagnostics(consulting));
        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallFromAsync("+74951000003");
        var transfer = Events<CallTransferred>(call).Single();
        Assert.Equal(("1001", "1002", TransferKind.Attended), (transfer.FromExtension, transfer.ToTarget, transfer.Kind));
        Assert.Equal(CallEndedBy.Caller, call.EndedBy);
        Assert.DoesNotContain("failed", transferor.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ApiTransfer_OperatorSendsCallToAnotherExtension_CallerTalksToIt()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        using var operatorClient = rig.Host.CreateClient("1001", "pw1001");
        using var otherOperator = rig.Host.CreateClient("1003", "pw1003");

        var calling = rig.CallAsync("trunk-call.xml", pause: TimeSpan.FromSeconds(6));
        var live = await CallRig.WaitForLiveCallAsync(operatorClient, answered: true);
        using var notTheirs = await otherOperator.PostAsJsonAsync($"api/live-calls/{live}/transfer", new { target = "1003" });
        using var response = await operatorClient.PostAsJsonAsync($"api/live-calls/{live}/transfer", new { target = "1002", reason = "order questions" });
        var caller = await calling;

        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode); // another operator cannot take or move someone's call
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        var transfer = Events<CallTransferred>(call).Single();
        Assert.Equal(("1001", "1002", TransferKind.Api, "order questions"), (transfer.FromExtension, transfer.ToTarget, transfer.Kind, transfer.Reason));
    }

    [Fact]
    public async Task ApiTransfer_UnknownCall_Gets409AndBadTarget400()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        using var operatorClient = rig.Host.CreateClient("1001", "pw1001");

        using var unknown = await operatorClient.PostAsJsonAsync($"api/live-calls/{Guid.NewGuid()}/transfer", new { target = "1002" });
        using var bad = await operatorClient.PostAsJsonAsync($"api/live-calls/{Guid.NewGuid()}/transfer", new { target = "sip:x@y" });

        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task ClickToCall_AgentPhoneRingsFirstThenClientThroughTrunk_Bridged()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        var client = Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), rig.Host.SipTarget, rig.TrunkPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-rtp_echo"], timeout: TimeSpan.FromSeconds(40));
        await Task.Delay(500);
        using var operatorClient = rig.Host.CreateClient("1002", "pw1002");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");

        using var refused = await operatorClient.PostAsJsonAsync("api/live-calls", new { number = "+12125550100" });
        using var notYours = await operatorClient.PostAsJsonAsync("api/live-calls", new { number = "84951000003", agent = "1001" });
        using var placed = await operatorClient.PostAsJsonAsync("api/live-calls", new { number = "8 (495) 100-00-03" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        var live = await CallRig.WaitForLiveCallAsync(operatorClient, answered: true);
        await Task.Delay(1500);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/live-calls/{live}")).StatusCode);
        var carrier = await client;

        Assert.True(carrier.ExitCode == 0, rig.Diagnostics(carrier));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal(CallDirection.Outbound, call.Direction);
        Assert.Equal("1002", call.CallerNumber);
        Assert.Equal("+74951000003", call.DialedNumber);
        Assert.Equal("1002", call.AnsweredBy);
        Assert.Equal("click-to-call", call.RuleName);
        var offered = call.Timeline.Where(e => e.Type == nameof(CallOffered)).ToList();
        Assert.Single(offered);
        var media = await rig.ReadMediaSummaryAsync();
        // Neither sipp speaks first (both echo): what the agent's phone got is the ringback played while the client rang.
        Assert.True(media.ToCaller > 0, "the agent heard nothing while the client's phone rang");
    }

    [Fact]
    public async Task ClickToCall_OperatorSendsDtmfToClient_OnlyTheCallsAgentOrAnAdmin()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        var client = Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), rig.Host.SipTarget, rig.TrunkPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(40));
        await Task.Delay(500);
        using var operatorClient = rig.Host.CreateClient("1002", "pw1002");
        using var otherOperator = rig.Host.CreateClient("1001", "pw1001");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        using var placed = await operatorClient.PostAsJsonAsync("api/live-calls", new { number = "+74951000003" });
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        var live = await CallRig.WaitForLiveCallAsync(operatorClient, answered: true);

        using var sent = await operatorClient.PostAsJsonAsync($"api/live-calls/{live}/dtmf", new { digits = "12#" });
        using var byAdmin = await admin.PostAsJsonAsync($"api/live-calls/{live}/dtmf", new { digits = "0" });
        using var notDtmf = await operatorClient.PostAsJsonAsync($"api/live-calls/{live}/dtmf", new { digits = "12x" });
        using var empty = await operatorClient.PostAsJsonAsync($"api/live-calls/{live}/dtmf", new { digits = "" });
        using var notTheirs = await otherOperator.PostAsJsonAsync($"api/live-calls/{live}/dtmf", new { digits = "1" });
        using var noCall = await admin.PostAsJsonAsync($"api/live-calls/{Guid.NewGuid()}/dtmf", new { digits = "1" });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/live-calls/{live}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("12#", (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("digits").GetString());
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notDtmf.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noCall.StatusCode);
        Assert.True((await client).ExitCode == 0, rig.Diagnostics(await client));
    }

    [Fact]
    public async Task ClickToCall_AgentHoldsAndResumes_ClientHearsMusicMeanwhile()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        var agent = await rig.AddAgentAsync("1003", "agent-hold.xml");
        var client = Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), rig.Host.SipTarget, rig.TrunkPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(40));
        await Task.Delay(500);
        using var vera = rig.Host.CreateClient("1003", "pw1003");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");

        using var placed = await vera.PostAsJsonAsync("api/live-calls", new { number = "+74951000003" });
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        var live = await CallRig.WaitForLiveCallAsync(admin, answered: true);
        await Task.Delay(3500);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/live-calls/{live}")).StatusCode);

        Assert.True((await client).ExitCode == 0, rig.Diagnostics(await client));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1003", Events<CallHeld>(call).Single().HeldBy);
        Assert.Equal("1003", Events<CallResumed>(call).Single().ResumedBy);
        Assert.DoesNotContain("failed", agent.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AgentDialsOut_AuthenticatedThroughTrunkWithCompanyCallerId()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        var client = Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), rig.Host.SipTarget, rig.TrunkPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-rtp_echo"], timeout: TimeSpan.FromSeconds(40));
        await Task.Delay(500);

        var agent = await Sipp.RunAsync(Sipp.Scenario("agent-dialout.xml"), rig.Host.SipTarget, FreePorts.Next(), extraArguments:
            ["-key", "ext", "1001", "-au", "1001", "-ap", "pw1001", "-key", "dialed", "84951000003", "-d", "2000",
             "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)]);
        var carrier = await client;

        Assert.True(agent.ExitCode == 0, rig.Diagnostics(agent));
        Assert.True(carrier.ExitCode == 0, rig.Diagnostics(carrier));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal(CallDirection.Outbound, call.Direction);
        Assert.Equal("1001", call.CallerNumber);
        Assert.Equal("+74951000003", call.AnsweredBy);
        Assert.Equal(CallEndedBy.Agent, call.EndedBy);
    }

    [Fact]
    public async Task AgentDialsOut_NumberOutsideDialPlan_Gets403()
    {
        await using var rig = await CallRig.StartAsync(fixture);

        var agent = await Sipp.RunAsync(Sipp.Scenario("agent-dialout-forbidden.xml"), rig.Host.SipTarget, FreePorts.Next(), extraArguments:
            ["-key", "ext", "1001", "-au", "1001", "-ap", "pw1001", "-key", "dialed", "+12125550100", "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)]);

        Assert.True(agent.ExitCode == 0, rig.Diagnostics(agent));
    }

    [Theory]
    [InlineData("88091234567")]  // +7 809: premium rate, inside the trunk's ^\+7[0-9]{10}$ pattern
    [InlineData("+77012345678")] // +7 701: a Kazakh mobile, same country code
    public async Task AgentDialsOut_PremiumOrForeignNumberUnderPlusSeven_RefusedByTheDialPlan(string dialed)
    {
        await using var rig = await CallRig.StartAsync(fixture);

        var agent = await Sipp.RunAsync(Sipp.Scenario("agent-dialout-forbidden.xml"), rig.Host.SipTarget, FreePorts.Next(), extraArguments:
            ["-key", "ext", "1001", "-au", "1001", "-ap", "pw1001", "-key", "dialed", dialed, "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)]);

        Assert.True(agent.ExitCode == 0, rig.Diagnostics(agent));
        Assert.Contains("Outbound call refused: extension 1001", rig.Host.Output, StringComparison.Ordinal);
        // The operators' department has no head of its own: every department head's desk gets the toll-fraud alert, once.
        using var head = rig.Host.CreateClient("3002", "pw3002");
        var alerts = new List<NotificationDto>();
        for (var i = 0; i < 100 && alerts.Count == 0; i++, await Task.Delay(100))
        {
            alerts = [.. (await head.GetFromJsonAsync<List<NotificationDto>>("api/notifications"))!.Where(n => n.Kind == "outbound-refused")];
        }

        var alert = Assert.Single(alerts);
        Assert.Contains("Anna Petrova (1001)", alert.Text, StringComparison.Ordinal);
    }

    private sealed record NotificationDto(string Kind, string Text);

    [Fact]
    public async Task TrunkCall_NoAgentRegistered_Gets480()
    {
        await using var rig = await CallRig.StartAsync(fixture);

        var caller = await rig.CallAsync("trunk-unavailable.xml");

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal(CallEndedBy.System, call.EndedBy);
        Assert.Contains("not registered", call.RoutingTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrunkCall_OnlyUnsupportedCodecs_Gets488()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-bad-codec.xml", keys: ["-key", "formats", "18 9"]);

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
    }

    /// <summary>RTP packets in sipp's g711a.pcap, which the carrier plays (20 ms each).</summary>
    private const int PcapPackets = 236;

    /// <summary>
    /// What the carrier sent reached the engine, went on to the agent, came back in the agent's echo and went out to
    /// the carrier: each count within 1 % of the packets sipp sent.
    /// </summary>
    private static void AssertRelayedBothWays(MediaSummary media)
    {
        const int Tolerance = PcapPackets / 100 + 1;
        Assert.True(Math.Abs(media.CallerSent - PcapPackets) <= Tolerance, $"the engine got {media.CallerSent} of {PcapPackets} packets: {media}");
        Assert.True(Math.Abs(media.ToCallee - PcapPackets) <= Tolerance, $"the agent was sent {media.ToCallee} of {PcapPackets}: {media}");
        Assert.True(Math.Abs(media.CalleeSent - PcapPackets) <= Tolerance, $"the agent's echo brought {media.CalleeSent} of {PcapPackets}: {media}");
        Assert.True(Math.Abs(media.ToCaller - PcapPackets) <= Tolerance, $"the carrier was sent {media.ToCaller} of {PcapPackets}: {media}");
    }

    private static List<T> Events<T>(CallRecord call) =>
    [
        .. call.Timeline.Where(e => e.Type == typeof(T).Name).OrderBy(e => e.Sequence)
            .Select(e => JsonSerializer.Deserialize<T>(e.Data, OutboxMessageTypes.JsonOptions)!),
    ];

    private static List<(string Agent, string Reason)> OfferFailures(CallRecord call) =>
    [
        .. call.Timeline.Where(e => e.Type == nameof(CallOfferFailed))
            .Select(e => JsonSerializer.Deserialize<CallOfferFailed>(e.Data, OutboxMessageTypes.JsonOptions)!)
            .Select(e => (e.AgentExtension, e.Reason)),
    ];

    private static string Normalize(string log) => System.Text.RegularExpressions.Regex.Replace(log, @"Call [0-9a-f-]{36} ", "Call ");
}
