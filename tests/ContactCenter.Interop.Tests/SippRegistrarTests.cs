using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>sipp (a real SIP peer) against the running host's registrar, over UDP and TCP.</summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed partial class SippRegistrarTests(CrmDatabaseFixture fixture)
{
    [Theory]
    [InlineData(false, "UDP")]
    [InlineData(true, "TCP")]
    public async Task Sipp_RegistersWithDigest_ContactIsBoundWithItsTransport(bool tcp, string transport)
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());

        var result = await Sipp.RunAsync(Sipp.Scenario("register.xml"), host.SipTarget, FreePorts.Next(), tcp,
            extraArguments: ["-key", "ext", "1001", "-key", "expires", "120", "-au", "1001", "-ap", "pw1001"]);

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        var contact = Assert.Single(await ContactsOfAsync(host, "1001"));
        Assert.Equal(transport, contact.GetProperty("transport").GetString());
        Assert.InRange(contact.GetProperty("expiresInSeconds").GetInt32(), 100, 120);
        Assert.StartsWith("sip:1001@127.0.0.1:", contact.GetProperty("uri").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sipp_RegisterRefreshUnregister_LeavesNoBinding(bool tcp)
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());

        var result = await Sipp.RunAsync(Sipp.Scenario("register-refresh-unregister.xml"), host.SipTarget, FreePorts.Next(), tcp,
            extraArguments: ["-key", "ext", "2001", "-au", "2001", "-ap", "pw2001"]);

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Empty(await ContactsOfAsync(host, "2001"));
        Assert.Contains("Extension 2001 removed", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswordAndUnknownExtension_GetIdenticalAnswers()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());

        var wrongPassword = await FinalAnswerAsync(host, "1001", "not-the-password");
        var unknownExtension = await FinalAnswerAsync(host, "1999", "pw1999");

        Assert.StartsWith("SIP/2.0 401 Unauthorized", wrongPassword, StringComparison.Ordinal);
        Assert.Equal(wrongPassword, unknownExtension);
    }

    [Fact]
    public async Task Options_KeepAlive_AnsweredWithoutAuthentication()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());

        var udp = await Sipp.RunAsync(Sipp.Scenario("options.xml"), host.SipTarget, FreePorts.Next());
        var tcp = await Sipp.RunAsync(Sipp.Scenario("options.xml"), host.SipTarget, FreePorts.Next(), tcp: true);

        Assert.True(udp.ExitCode == 0, udp.Output + udp.Errors);
        Assert.True(tcp.ExitCode == 0, tcp.Output + tcp.Errors);
    }

    [Fact]
    public async Task RepeatedFailures_BlockTheSourceForAWhile()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(), ["--Sip:Registrar:MaxFailures=3"]);

        var failures = await Sipp.RunAsync(Sipp.Scenario("register-rejected.xml"), host.SipTarget, FreePorts.Next(), calls: 3,
            extraArguments: ["-key", "ext", "1001", "-au", "1001", "-ap", "guess"]);
        var blocked = await Sipp.RunAsync(Sipp.Scenario("register-blocked.xml"), host.SipTarget, FreePorts.Next(),
            extraArguments: ["-key", "ext", "1001"]);

        Assert.True(failures.ExitCode == 0, failures.Output + failures.Errors);
        Assert.True(blocked.ExitCode == 0, "a correct-looking REGISTER from a blocked source must get 403: " + blocked.Output + blocked.Errors);
        Assert.Contains("SIP authentication blocked: address 127.0.0.1 user 1001 method REGISTER", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedRequest_GetsBadRequestNamingTheFault()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        var request = $"OPTIONS sip:127.0.0.1:{host.SipPort} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-bad1\r\n" +
                      "From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: bad-1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: lots\r\nContent-Length: 0\r\n\r\n";

        await socket.SendAsync(Encoding.ASCII.GetBytes(request), new IPEndPoint(IPAddress.Loopback, host.SipPort));
        var answer = await ReceiveAsync(socket);

        Assert.Matches(@"^SIP/2\.0 400 [A-Za-z]", answer);
        Assert.Contains("Max-Forwards", answer.Split("\r\n")[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Call-ID: bad-1", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThousandsOfMutatedMessages_ListenerStillAnswersOptions()
    {
        // The fuzzed REGISTERs carry bad digests: raise the failure limit so they cannot block 127.0.0.1.
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(), ["--Sip:Registrar:MaxFailures=10000"]);
        var target = new IPEndPoint(IPAddress.Loopback, host.SipPort);
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var random = new Random(20261126);
        var seeds = Seeds(((IPEndPoint)socket.Client.LocalEndPoint!).Port, host.SipPort);

        for (var i = 0; i < 5_000; i++)
        {
            var datagram = Mutate(seeds[random.Next(seeds.Length)], random);
            await socket.SendAsync(datagram, target);
            if (i % 200 == 199)
            {
                await Task.Delay(5); // let the listener drain; this is a robustness test, not a flood
            }
        }

        var options = await Sipp.RunAsync(Sipp.Scenario("options.xml"), host.SipTarget, FreePorts.Next());
        var register = await Sipp.RunAsync(Sipp.Scenario("register.xml"), host.SipTarget, FreePorts.Next(),
            extraArguments: ["-key", "ext", "1003", "-key", "expires", "60", "-au", "1003", "-ap", "pw1003"]);

        Assert.True(options.ExitCode == 0, options.Output + options.Errors);
        Assert.True(register.ExitCode == 0, register.Output + register.Errors);
        // Loops and handlers catch everything; what they log when they do is the failure this test looks for.
        Assert.DoesNotContain("Unhandled exception", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("failed; it goes on", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("The message handler failed", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("The TU failed", host.Output, StringComparison.Ordinal);
        using var health = await host.CreateClient().GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task<List<JsonElement>> ContactsOfAsync(HostProcess host, string extension)
    {
        using var admin = host.CreateClient("admin", "admin-demo");
        var all = await admin.GetFromJsonAsync<JsonElement>(new Uri("api/sip/registrations", UriKind.Relative));
        return all.EnumerateArray()
            .Single(e => e.GetProperty("extension").GetString() == extension)
            .GetProperty("contacts").EnumerateArray().ToList();
    }

    /// <summary>The final 401 sipp received, with per-request values (nonce, opaque, tags, ids, addresses) masked.</summary>
    private static async Task<string> FinalAnswerAsync(HostProcess host, string extension, string password)
    {
        var messages = Path.Combine(Path.GetTempPath(), $"cc-sipp-msg-{Guid.NewGuid():N}.log");
        try
        {
            var result = await Sipp.RunAsync(Sipp.Scenario("register-rejected.xml"), host.SipTarget, FreePorts.Next(),
                extraArguments: ["-key", "ext", extension, "-au", extension, "-ap", password, "-trace_msg", "-message_file", messages]);
            Assert.True(result.ExitCode == 0, result.Output + result.Errors);
            var log = await File.ReadAllTextAsync(messages);
            var last = log[log.LastIndexOf("SIP/2.0 ", StringComparison.Ordinal)..];
            var message = last[..last.IndexOf("\n\n", StringComparison.Ordinal)];
            return Volatile().Replace(message, "${name}=*");
        }
        finally
        {
            File.Delete(messages);
        }
    }

    private static async Task<string> ReceiveAsync(UdpClient socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await socket.ReceiveAsync(timeout.Token);
        return Encoding.ASCII.GetString(received.Buffer);
    }

    private static byte[][] Seeds(int localPort, int sipPort) =>
    [
        Encoding.ASCII.GetBytes($"REGISTER sip:127.0.0.1:{sipPort} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{localPort};branch=z9hG4bK-f1;rport\r\nFrom: <sip:1001@127.0.0.1>;tag=a1\r\nTo: <sip:1001@127.0.0.1>\r\nCall-ID: fuzz-1@127.0.0.1\r\nCSeq: 1 REGISTER\r\nContact: <sip:1001@127.0.0.1:{localPort}>;expires=60\r\nAuthorization: Digest username=\"1001\", realm=\"contactcenter\", nonce=\"abc\", uri=\"sip:127.0.0.1\", response=\"0123456789abcdef0123456789abcdef\", qop=auth, nc=00000001, cnonce=\"x\"\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"),
        Encoding.ASCII.GetBytes($"INVITE sip:7000@127.0.0.1:{sipPort} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{localPort};branch=z9hG4bK-f2\r\nFrom: \"Caller\" <sip:+74951000001@127.0.0.1>;tag=b2\r\nTo: <sip:7000@127.0.0.1>\r\nCall-ID: fuzz-2@127.0.0.1\r\nCSeq: 1 INVITE\r\nContact: <sip:caller@127.0.0.1:{localPort}>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: 129\r\n\r\nv=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n"),
        Encoding.ASCII.GetBytes($"OPTIONS sip:127.0.0.1:{sipPort} SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1:{localPort};branch=z9hG4bK-f3\r\nf: <sip:probe@127.0.0.1>;tag=c3\r\nt: <sip:127.0.0.1>\r\ni: fuzz-3@127.0.0.1\r\nCSeq: 7 OPTIONS\r\nl: 0\r\n\r\n"),
        Encoding.ASCII.GetBytes($"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:{sipPort};branch=z9hG4bK-f4\r\nFrom: <sip:a@127.0.0.1>;tag=d4\r\nTo: <sip:b@127.0.0.1>;tag=e4\r\nCall-ID: fuzz-4@127.0.0.1\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n"),
    ];

    private const string Delimiters = "\r\n:;,<>\"\\ \t=@";

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && data.Count > 0; e++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0: data[at] = (byte)random.Next(256); break;                                  // flip a byte
                case 1: data.RemoveRange(at, Math.Min(random.Next(1, 40), data.Count - at)); break; // cut
                case 2: data.InsertRange(at, data.GetRange(at, Math.Min(random.Next(1, 60), data.Count - at))); break; // repeat
                case 3: data.Insert(at, (byte)Delimiters[random.Next(Delimiters.Length)]); break;       // a delimiter
                case 4: data.RemoveRange(at, data.Count - at); break;                               // truncate
                default: data.InsertRange(at, Encoding.ASCII.GetBytes("\r\nX-Fuzz: " + new string('a', random.Next(0, 3000)))); break; // long header
            }
        }

        return [.. data];
    }

    [GeneratedRegex(@"(?<name>nonce|opaque|tag|branch|rport|received|cnonce)=(""[^""]*""|[^;,\s>]*)|(?<name>Call-ID|Via|From|To|Contact|Content-Length): .*")]
    private static partial Regex Volatile();
}
