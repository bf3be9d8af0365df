using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ContactCenter.Sip.Transport;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #17, a trunk that requires TLS and SRTP: baresip stands for the carrier over TLS with mandatory SDES-SRTP. Its
/// call to one of the trunk's numbers reaches a plain-RTP agent (SRTP on the trunk leg, both ways); our click-to-call
/// goes out to it over TLS with an RTP/SAVP offer carrying keys; the API refuses such a trunk on another transport.
/// </summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed class TrunkSecurityTests(CrmDatabaseFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-carrier-tls-").FullName;

    [Fact]
    public async Task TlsSrtpTrunk_CarrierCallsIn_AndWeCallOut_SrtpBothWaysOnTheTrunkLeg_PlainOfferOrUdpRefused()
    {
        var speech = Path.Combine(RepositoryPaths.Root, "sip-config", "announcements", "greeting.wav");
        var (carrierCertificate, carrierCertificateWithKey) = CarrierCertificate();
        using var tls = new TlsListenerSettings();
        await using var rig = await CallRig.StartAsync(fixture,
            [.. tls.HostArguments, $"--Sip:Transport:Tls:TrustedCertificatesPath={carrierCertificate}"]);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        using var operatorClient = rig.Host.CreateClient("1002", "pw1002");
        var carrierPort = FreePorts.Next(); // UDP and TCP; its TLS listener is the next port
        FreePorts.Next();

        using var overUdp = await admin.PostAsJsonAsync("api/sip/trunks", new { name = "plain", address = "127.0.0.1", transport = "udp", requireTlsAndSrtp = true });
        using var made = await admin.PostAsJsonAsync("api/sip/trunks", new
        {
            name = "secure", address = "127.0.0.1", port = carrierPort + 1, transport = "tls", requireTlsAndSrtp = true, prefixes = new[] { "+7495" }, priority = 10,
            numbers = new[] { new { number = "74951234500", target = "7000" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, overUdp.StatusCode);
        Assert.Contains("requireTlsAndSrtp", await overUdp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(made.StatusCode == HttpStatusCode.Created, await made.Content.ReadAsStringAsync());

        // In: the carrier calls over TLS with SRTP only; the agent's sipp phone is plain RTP and echoes.
        await using (var caller = Baresip.StartCaller("84951000003", "74951234500", tls.Target, FreePorts.Next(), speech,
            lifetime: TimeSpan.FromSeconds(40), tlsTrustedCertificate: tls.DemoCertificate, mandatorySrtp: true))
        {
            await CallRig.WaitForLiveCallAsync(admin, answered: true);
            await Task.Delay(TimeSpan.FromSeconds(4));
            await caller.QuitAsync(TimeSpan.FromSeconds(15));
            Assert.Contains("SRTP is Enabled", caller.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("srtp: failed to decrypt", caller.Output, StringComparison.Ordinal);
        }

        var inbound = await rig.WaitForEndedCallFromAsync("+74951000003");
        Assert.Equal(("secure", "7000"), (inbound.Trunk, inbound.DialedNumber));
        var first = await rig.ReadMediaSummaryAsync();
        Assert.True(first is { CallerProfile: "SRTP", CalleeProfile: "RTP", CallerSent: > 100, ToCaller: > 100, ToCallee: > 100 }, $"the carrier's leg SRTP both ways: {first}");
        // baresip 1.0 sends the RTCP that closes its stream unprotected (one or two reports as it quits); plain RTP on the leg
        // would be refused by the hundred.
        Assert.True(first.CallerRejected <= 3, $"the relay refused packets on the carrier's SRTP leg: {first}");

        // Out: the operator's click-to-call reaches the carrier over TLS, offering RTP/SAVP with SDES keys.
        await CallRig.WaitForNoLiveCallsAsync(admin);
        await using (var callee = Baresip.StartCallee("+74951000004", carrierPort, carrierCertificateWithKey, speech, mandatorySrtp: true,
            lifetime: TimeSpan.FromSeconds(40)))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            using var placed = await operatorClient.PostAsJsonAsync("api/live-calls", new { number = "8 (495) 100-00-04" });
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
            var live = await AnsweredAsync(operatorClient, () => "--- carrier:\n" + callee.Output + "\n" + rig.Diagnostics());
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/live-calls/{live}")).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Matches(@"m=audio \d+ RTP/SAVP ", callee.Output); // baresip -s traces the INVITE it got
            Assert.Contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:", callee.Output, StringComparison.Ordinal);
            Assert.Contains("SIP/2.0/TLS", callee.Output, StringComparison.Ordinal);
            Assert.Contains("SRTP is Enabled", callee.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("srtp: failed to decrypt", callee.Output, StringComparison.Ordinal);
        }

        var second = await rig.ReadMediaSummaryAsync(1);
        await using var db = CrmDatabaseFixture.CreateContext(rig.ConnectionString);
        Assert.Equal("secure", db.Calls.Where(c => c.DialedNumber == "+74951000004").Select(c => c.Trunk).Single());
        Assert.True(second is { CallerSent: > 100, ToCaller: > 100, CalleeSent: > 100, ToCallee: > 100 }, $"audio both ways: {second}");
        Assert.Equal(["RTP", "SRTP"], new[] { second.CallerProfile, second.CalleeProfile }.Order());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<Guid> AnsweredAsync(HttpClient client, Func<string> diagnostics)
    {
        try
        {
            return await CallRig.WaitForLiveCallAsync(client, answered: true);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\n" + diagnostics(), ex);
        }
    }

    // The carrier's certificate (for 127.0.0.1), which the host trusts; baresip wants it and its key in one file.
    private (string Certificate, string CertificateWithKey) CarrierCertificate()
    {
        var certificate = Path.Combine(_folder, "carrier.pem");
        var key = Path.Combine(_folder, "carrier.key");
        SelfSignedCertificate.Write(certificate, key, [IPAddress.Loopback], [], TimeSpan.FromDays(1), TimeProvider.System);
        var both = Path.Combine(_folder, "carrier-with-key.pem");
        File.WriteAllText(both, File.ReadAllText(certificate) + "\n" + File.ReadAllText(key));
        return (certificate, both);
    }
}
