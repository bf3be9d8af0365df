using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #17, per-trunk media: a trunk's codec list decides the offer we send it and the answer to its offers (sipp's
/// captured SDP shows it), and a carrier offering only codecs the trunk excludes gets 488.
/// </summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed class TrunkMediaTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task TrunkWithCodecList_OurOfferAndAnswerFollowIt_AudioFlows_OnlyExcludedCodecs488()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        using var operatorClient = rig.Host.CreateClient("1002", "pw1002");
        var carrierPort = FreePorts.Next();
        using var bad = await admin.PostAsJsonAsync("api/sip/trunks", new { name = "g729", address = "127.0.0.1", codecs = new[] { "G729" } });
        using var made = await admin.PostAsJsonAsync("api/sip/trunks", new
        {
            name = "alaw", address = "127.0.0.1", port = carrierPort, prefixes = new[] { "+7495" }, codecs = new[] { "pcma", "telephone-event" },
            numbers = new[] { new { number = "74951234500", target = "7000" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("codecs", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(made.StatusCode == HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        Assert.Contains("\"codecs\":[\"PCMA\",\"telephone-event\"]", await made.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Out: the operator's click-to-call reaches the carrier with A-law and DTMF events only (the agent's phone took PCMU).
        var carrier = Sipp.RunAsync(Sipp.Scenario("trunk-answer-play.xml"), rig.Host.SipTarget, carrierPort, traceMessages: true,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(40));
        await Task.Delay(500);
        using var placed = await operatorClient.PostAsJsonAsync("api/live-calls", new { number = "8 (495) 100-00-03" });
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        var live = await CallRig.WaitForLiveCallAsync(operatorClient, answered: true);
        await Task.Delay(TimeSpan.FromSeconds(6)); // the client's 4.7 s of A-law speech, echoed by the agent
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/live-calls/{live}")).StatusCode);
        var outbound = await carrier;
        Assert.True(outbound.ExitCode == 0, rig.Diagnostics(outbound));
        var offer = SippMessages.AudioLine(Assert.Single(SippMessages.Find(outbound, "INVITE ")));
        Assert.Matches(FormatsAre("8 101"), offer);
        var media = await rig.ReadMediaSummaryAsync();
        Assert.True(media is { CallerSent: > 200, ToCallee: > 200, CalleeSent: > 200, ToCaller: > 200 }, $"audio both ways: {media}");

        // In: the carrier offers PCMA, PCMU, telephone-event and gets A-law and events; an offer of PCMU alone gets 488.
        var inbound = await Sipp.RunAsync(Sipp.Scenario("trunk-call.xml"), rig.Host.SipTarget, carrierPort, traceMessages: true, extraArguments:
            ["-key", "dialed", "74951234500", "-key", "caller", "84951000001", "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-d", "1000"],
            timeout: TimeSpan.FromSeconds(60));
        var refused = await rig.CallAsyncFrom(carrierPort, "trunk-bad-codec.xml", "74951234500", "84951000002", "-key", "formats", "0");

        Assert.True(inbound.ExitCode == 0, rig.Diagnostics(inbound));
        // Distinct: on a loaded machine the 200 may be retransmitted before sipp's ACK reaches us (the same answer again).
        Assert.Matches(FormatsAre("8 101"), Assert.Single(SippMessages.Find(inbound, "SIP/2.0 200").Select(SippMessages.AudioLine).OfType<string>().Distinct()));
        Assert.True(refused.ExitCode == 0, "a PCMU-only offer to an A-law trunk must get 488: " + rig.Diagnostics(refused));
    }

    // The m= line's formats exactly (nothing after them).
    private static Regex FormatsAre(string formats) => new($@"^m=audio \d+ RTP/AVP {Regex.Escape(formats)}$");
}
