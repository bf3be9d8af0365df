using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport.Tests;

/// <summary>SIP over TLS (RFC 3261 §26.2.1) through .NET's SslStream: a listener with our certificate, and our own TLS client.</summary>
public sealed class SipTransportTlsTests : IDisposable
{
    private const string TlsVia = "SIP/2.0/TLS 192.0.2.1:5071;branch=z9hG4bK-tls;rport";
    private readonly TestCertificate _server = new("server");
    private readonly TestCertificate _other = new("other");

    public void Dispose()
    {
        _server.Dispose();
        _other.Dispose();
    }

    [Fact]
    public async Task Tls_PhoneSendsOptions_AnsweredOverTheSameEncryptedConnection()
    {
        await using var harness = await StartTlsAsync(_server, TransportHarness.AnswerOk);
        using var phone = await TlsPhone.ConnectAsync(harness.TlsEndPoint, _server.Certificate);

        await phone.WriteAsync(Messages.Options("tls-1", TlsVia));
        var response = await phone.ReadMessageAsync();
        var received = await harness.Handler.NextAsync("tls-1");

        Assert.Equal(200, Assert.IsType<SipResponse>(response).StatusCode);
        Assert.Equal(SipTransportProtocol.Tls, received.Source.Protocol);
        Assert.Equal(phone.LocalEndPoint, received.Source.EndPoint);
        Assert.Equal(1, harness.Transport.ConnectionCount);
        Assert.True(phone.Protocol is SslProtocols.Tls12 or SslProtocols.Tls13, $"negotiated {phone.Protocol}");
        Assert.True(harness.Counter("contactcenter.sip.transport.messages_received", "network.transport=tls") >= 1);
    }

    [Fact]
    public async Task Tls_OurClientTrustingThePeersCertificate_RequestArrivesOverTls()
    {
        await using var callee = await StartTlsAsync(_server, TransportHarness.AnswerOk);
        await using var caller = await StartTlsAsync(_other, trusted: _server.CertificatePath);
        var destination = new SipEndPoint(SipTransportProtocol.Tls, callee.TlsEndPoint);

        var sent = await caller.Transport.SendAsync(Request("tls-out", caller.Transport), destination, CancellationToken.None);
        var received = await callee.Handler.NextAsync("tls-out");
        var answer = await caller.Handler.NextAsync("tls-out");

        Assert.True(sent);
        Assert.Equal(SipTransportProtocol.Tls, received.Source.Protocol);
        Assert.Equal("TLS", received.Message.TopVia.Transport);
        Assert.Equal(200, Assert.IsType<SipResponse>(answer.Message).StatusCode); // back over the connection the caller opened
        Assert.Equal(1, caller.Transport.ConnectionCount);
    }

    [Fact]
    public async Task Tls_PeerCertificateNotTrusted_SendFailsWithAWarningNamingTheSetting()
    {
        await using var callee = await StartTlsAsync(_server, TransportHarness.AnswerOk);
        await using var caller = await StartTlsAsync(_other, trusted: _other.CertificatePath); // trusts only itself
        var destination = new SipEndPoint(SipTransportProtocol.Tls, callee.TlsEndPoint);

        var sent = await caller.Transport.SendAsync(Request("tls-untrusted", caller.Transport), destination, CancellationToken.None);

        Assert.False(sent);
        Assert.Equal(0, callee.Handler.Count);
        Assert.Contains(caller.Logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("TrustedCertificatesPath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tls_CertificateForAnotherName_Refused()
    {
        using var named = new TestCertificate("named", addresses: [], names: ["carrier.example"]);
        await using var callee = await StartTlsAsync(named, TransportHarness.AnswerOk);
        await using var caller = await StartTlsAsync(_other, trusted: named.CertificatePath);
        var destination = new SipEndPoint(SipTransportProtocol.Tls, callee.TlsEndPoint);

        var sent = await caller.Transport.SendAsync(Request("tls-name", caller.Transport), destination, CancellationToken.None);

        Assert.False(sent); // trusted issuer, but 127.0.0.1 is not in the certificate
    }

    [Fact]
    public async Task Tls_PeerNameConfigured_CertificateWithThatNameAccepted()
    {
        using var named = new TestCertificate("named", addresses: [], names: ["carrier.example"]);
        await using var callee = await StartTlsAsync(named, TransportHarness.AnswerOk);
        await using var caller = await StartTlsAsync(_other, trusted: named.CertificatePath,
            peerNames: new() { [callee.TlsEndPoint.ToString()] = "carrier.example" });
        var destination = new SipEndPoint(SipTransportProtocol.Tls, callee.TlsEndPoint);

        var sent = await caller.Transport.SendAsync(Request("tls-named", caller.Transport), destination, CancellationToken.None);

        Assert.True(sent);
        Assert.Equal(200, Assert.IsType<SipResponse>((await caller.Handler.NextAsync("tls-named")).Message).StatusCode);
    }

    [Fact]
    public async Task Tls_PlainSipOnTheTlsPort_ClosedAndNothingDelivered()
    {
        await using var harness = await StartTlsAsync(_server, TransportHarness.AnswerOk);
        using var plain = await TcpPeer.ConnectAsync(harness.TlsEndPoint);

        await plain.WriteAsync(Messages.Options("cleartext", TlsVia));

        Assert.True(await plain.IsClosedByRemoteAsync());
        Assert.Equal(0, harness.Handler.Count);
        await TransportHarness.WaitUntilAsync(
            () => harness.Counter("contactcenter.sip.transport.connections_closed", "reason=tls_handshake_failed") == 1, "the connection was counted as closed: " + string.Join(" / ", harness.Logs.Entries.Select(e => e.Text)));
    }

    [Fact]
    public async Task Tls_ClientThatNeverHandshakes_ClosedAfterTheHandshakeTimeout()
    {
        await using var harness = await StartTlsAsync(_server, handshakeTimeout: TimeSpan.FromMilliseconds(300));
        using var silent = await TcpPeer.ConnectAsync(harness.TlsEndPoint);

        Assert.True(await silent.IsClosedByRemoteAsync());
        await TransportHarness.WaitUntilAsync(() => harness.Transport.ConnectionCount == 0, "the slot was returned");
    }

    [Fact]
    public void Options_TlsPortWithoutCertificate_InvalidNamingTheSetting()
    {
        var options = new SipTransportOptions { Tls = new SipTlsOptions { Port = 5061 } };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("Sip:Transport:Tls:CertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_CertificateFileMissing_FailsNamingTheSettingAndBindsNothing()
    {
        var harness = TransportHarness.Create(configure: o => WithTls(o, new SipTlsOptions { Port = 0, CertificatePath = "/nonexistent/sip.pem" }));
        await using (harness)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Transport.StartAsync(CancellationToken.None));

            Assert.Contains("Sip:Transport:Tls:CertificatePath", error.Message, StringComparison.Ordinal);
            Assert.Empty(harness.Transport.LocalEndPoints);
        }
    }

    private static Task<TransportHarness> StartTlsAsync(TestCertificate certificate,
        Func<SipInboundMessage, SipTransport, ValueTask>? onMessage = null, string? trusted = null,
        Dictionary<string, string>? peerNames = null, TimeSpan? handshakeTimeout = null) =>
        TransportHarness.StartAsync(onMessage, o => WithTls(o, new SipTlsOptions
        {
            Port = 0,
            CertificatePath = certificate.CertificatePath,
            CertificateKeyPath = certificate.KeyPath,
            TrustedCertificatesPath = trusted,
            PeerNames = peerNames ?? [],
            HandshakeTimeout = handshakeTimeout ?? TimeSpan.FromSeconds(5),
        }));

    private static SipTransportOptions WithTls(SipTransportOptions o, SipTlsOptions tls) => new()
    {
        ListenAddress = o.ListenAddress,
        UdpPort = o.UdpPort,
        TcpPort = o.TcpPort,
        ShutdownTimeout = o.ShutdownTimeout,
        Tls = tls,
    };

    private static SipRequest Request(string callId, SipTransport from)
    {
        var local = from.GetLocalEndPoint(SipTransportProtocol.Tls).EndPoint;
        return SipParser.Parse(Encoding.UTF8.GetBytes(Messages.Options(callId, $"SIP/2.0/TLS {local.Address}:{local.Port};branch=z9hG4bK-{callId};rport")))
            as SipRequest ?? throw new InvalidOperationException("not a request");
    }

    /// <summary>A softphone's side of SIP over TLS: .NET's SslStream trusting exactly the given certificate.</summary>
    private sealed class TlsPhone : IDisposable
    {
        private readonly TcpClient _client;
        private readonly SslStream _ssl;
        private readonly StreamPeer _reader;

        private TlsPhone(TcpClient client, SslStream ssl)
        {
            _client = client;
            _ssl = ssl;
            _reader = new StreamPeer(ssl);
        }

        public IPEndPoint LocalEndPoint => (IPEndPoint)_client.Client.LocalEndPoint!;

        public SslProtocols Protocol => _ssl.SslProtocol;

        public static async Task<TlsPhone> ConnectAsync(IPEndPoint server, X509Certificate2 trusted)
        {
            var client = new TcpClient(new IPEndPoint(IPAddress.Loopback, 0));
            await client.ConnectAsync(server);
            var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false,
                (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString());
            await ssl.AuthenticateAsClientAsync("127.0.0.1");
            return new TlsPhone(client, ssl);
        }

        public async Task WriteAsync(string text) => await _ssl.WriteAsync(Encoding.UTF8.GetBytes(text));

        public Task<SipMessage> ReadMessageAsync() => _reader.ReadMessageAsync();

        public void Dispose()
        {
            _ssl.Dispose();
            _client.Dispose();
        }
    }
}
