using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContactCenter.Contracts.Calls;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #17: a ring-all queue whose operators' phones differ - baresip over TLS must use SRTP, a sipp phone is plain RTP.
/// Each gets an offer of its own (RTP/SAVP with keys to baresip); before, one plain offer went to both and baresip refused it.
/// </summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed class RingAllSecureTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task RingAllQueue_SrtpOnlyPhoneBesidePlainPhone_EachOfferedItsOwn_TheSrtpPhoneAnswersWithSrtp()
    {
        using var tls = new TlsListenerSettings();
        await using var rig = await CallRig.StartAsync(fixture, ["--Sip:Extensions:1001:RequireTlsAndSrtp=true", .. tls.HostArguments]);
        await using var secure = Baresip.Start("1001", "pw1001", tls.Target, lifetime: TimeSpan.FromSeconds(60),
            audioSource: Path.Combine(RepositoryPaths.Root, "sip-config", "announcements", "greeting.wav"), tlsTrustedCertificate: tls.DemoCertificate,
            mandatorySrtp: true);
        await rig.WaitRegisteredAsync("1001", () => secure.Output);
        await rig.AddAgentAsync("1002", "agent-noanswer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        var current = await admin.GetFromJsonAsync<JsonObject>("api/routing/policy");
        var policy = current!["policy"]!.AsObject();
        policy["queues"]![0]!["strategy"] = "ring-all";
        using var body = new StringContent(policy.ToJsonString(), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("api/routing/policy", body)).StatusCode);

        var caller = await rig.CallAsync("trunk-call.xml", caller: "84951000003", pause: TimeSpan.FromSeconds(3));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller) + "\n--- baresip:\n" + secure.Output);
        var call = await rig.WaitForEndedCallFromAsync("+74951000003");
        Assert.Equal("1001", call.AnsweredBy);
        Assert.Equal(2, call.Timeline.Count(e => e.Type == nameof(CallOffered)));
        Assert.Contains(call.Timeline, e => e.Type == nameof(CallOfferFailed) && e.Data.Contains("answered by 1001", StringComparison.Ordinal));
        Assert.Matches(@"m=audio \d+ RTP/SAVP ", secure.Output); // baresip -s traces the INVITE it got
        Assert.Contains("SRTP is Enabled", secure.Output, StringComparison.Ordinal);
        var media = await rig.ReadMediaSummaryAsync();
        Assert.True(media is { CallerProfile: "RTP", CalleeProfile: "SRTP", ToCallee: > 50, CalleeSent: > 50 }, $"the agent's leg SRTP: {media}");
    }
}
