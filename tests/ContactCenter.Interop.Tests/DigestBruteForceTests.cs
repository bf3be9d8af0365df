using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #16, brute force: sipvicious' svcrack against the registrar, the fail2ban filter over the host's log, and
/// spoofed failures that must not lock a real phone out.
/// </summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed partial class DigestBruteForceTests(CrmDatabaseFixture fixture)
{
    private const string Install = "apt-get install sipvicious fail2ban";

    // Ten guesses, the right one 6th: the limit (5 in 10 minutes) must stop svcrack before it gets there.
    private static readonly string[] Words = ["123456", "password", "1001", "1234", "qwerty", "pw1001", "admin", "secret", "letmein", "000000"];

    [Fact]
    public async Task Svcrack_TenWordListWithThePasswordSixth_NotFoundSourceBlockedAndFail2banMatches()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var words = new TempFile(string.Join('\n', Words) + "\n");

        var (_, output) = await SvcrackAsync(host, words.Path);
        using var log = new TempFile(host.Output);
        var fail2ban = await ProcessRunner.TryRunAsync(Tool("fail2ban-regex"), [log.Path, RepositoryFile("deploy/fail2ban/filter.d/contactcenter-sip.conf")],
            TimeSpan.FromSeconds(60));
        var failures = Regex.Count(host.Output, "SIP authentication failed: address 127.0.0.1 user 1001 method REGISTER");

        Assert.DoesNotContain("pw1001", output, StringComparison.Ordinal);
        Assert.Contains("SIP authentication blocked: address 127.0.0.1 user 1001 method REGISTER", host.Output, StringComparison.Ordinal);
        Assert.Equal(5, failures);
        Assert.True(fail2ban.ExitCode == 0, fail2ban.Output);
        Assert.Matches($@"Lines: \d+ lines, 0 ignored, {failures} matched", fail2ban.Output);
    }

    [Fact]
    public async Task Svcrack_WithoutTheLimit_FindsThePassword()
    {
        // The control for the test above: the same attack finds the password when nothing stops it.
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(), ["--Sip:Registrar:MaxFailures=1000"]);
        using var words = new TempFile(string.Join('\n', Words) + "\n");

        var (_, output) = await SvcrackAsync(host, words.Path);

        Assert.Contains("pw1001", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpoofedFailures_FromThePhonesAddress_DoNotBlockThePhone()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;

        // A spoofer cannot see our challenges to the phone's address: its REGISTERs carry made-up nonces.
        for (var i = 0; i < 30; i++)
        {
            var nonce = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())
                        + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000";
            var request = $"REGISTER sip:127.0.0.1:{host.SipPort} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-spoof{i}\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:1001@127.0.0.1>;tag=s\r\nTo: <sip:1001@127.0.0.1>\r\n"
                + $"Call-ID: spoof-{i}\r\nCSeq: {i + 1} REGISTER\r\nContact: <sip:1001@127.0.0.1:{port}>\r\n"
                + $"Authorization: Digest username=\"1001\",realm=\"contactcenter\",nonce=\"{nonce}\",uri=\"sip:127.0.0.1:{host.SipPort}\","
                + $"response=\"{new string('0', 32)}\",algorithm=MD5,qop=auth,nc=00000001,cnonce=\"abc\"\r\nContent-Length: 0\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), new IPEndPoint(IPAddress.Loopback, host.SipPort));
        }

        await Task.Delay(500);
        var phone = await Sipp.RunAsync(Sipp.Scenario("register.xml"), host.SipTarget, FreePorts.Next(),
            extraArguments: ["-key", "ext", "1001", "-key", "expires", "60", "-au", "1001", "-ap", "pw1001"]);

        Assert.True(phone.ExitCode == 0, "the real phone must still register: " + phone.Output + phone.Errors);
        Assert.DoesNotContain("SIP authentication blocked", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SIP authentication failed", host.Output, StringComparison.Ordinal);
    }

    // svcrack keeps asking a source that gets 403 for a new challenge forever: coreutils' timeout interrupts it after
    // 15 s (it prints its findings on SIGINT). -t 0.2 paces it to a few requests a second.
    private static async Task<(int ExitCode, string Output)> SvcrackAsync(HostProcess host, string dictionary) =>
        await ProcessRunner.TryRunAsync("timeout",
            ["-s", "INT", "-k", "5", "15", Tool("svcrack"), "-u", "1001", "-d", dictionary,
             "-p", host.SipPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", "127.0.0.1", "-x", "127.0.0.1",
             "-P", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "0.2", "--maximumtime", "5", "127.0.0.1"],
            TimeSpan.FromSeconds(60));

    private static string Tool(string name) =>
        new[] { "/usr/bin/" + name, "/usr/sbin/" + name }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is missing: {Install} (deploy/test.sh installs it).");

    private static string RepositoryFile(string relative) => Path.Combine(RepositoryPaths.Root, relative);

    private sealed class TempFile : IDisposable
    {
        public TempFile(string content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cc-{Guid.NewGuid():N}.txt");
            File.WriteAllText(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
