using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Host.BrowserPhone;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;
using ContactCenter.Sdp;
using ContactCenter.Sdp.WebRtc;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Host.Tests.BrowserPhone;

/// <summary>
/// The browser leg's addresses with <c>Sip:Rtp:PublicAddress</c> set: the browser is given the public address as its ICE
/// candidate, while the bridge's G.711 side toward the engine's relay is an internal hop at the listen address (no NAT
/// hairpin); and an SRTP-only (SDES) offer is not put through a bridge that speaks plain RTP on that hop.
/// </summary>
public sealed class BrowserMediaGatewayTests : IDisposable
{
    private const string PublicAddress = "203.0.113.7";
    private static readonly SipEndPoint Browser = new(SipTransportProtocol.Wss, new IPEndPoint(IPAddress.Loopback, 40_000));

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RecordingLoggers _logs = new();
    private readonly BrowserMediaGateway _gateway;

    public BrowserMediaGatewayTests()
    {
        var first = 20_000 + (2 * Random.Shared.Next(0, 15_000));
        var options = Microsoft.Extensions.Options.Options.Create(new MediaOptions
        {
            ListenAddress = "127.0.0.1", PublicAddress = PublicAddress, PortMin = first, PortMax = first + 7,
        });
        var ports = new RtpPortAllocator(options.Value.PortRange, new MediaMetrics(_services.GetRequiredService<IMeterFactory>()));
        _gateway = new BrowserMediaGateway(ports, options, TimeProvider.System, _logs);
    }

    [Fact]
    public async Task BrowserCalls_PublicAddressSet_ItsCandidateIsPublic_TheEnginesSideIsTheListenAddress()
    {
        using var relay = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        relay.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var relayPort = ((IPEndPoint)relay.LocalEndPoint!).Port;
        var offer = SdpParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "chromium-webrtc-offer.sdp")));

        await using (var media = _gateway.Accept(offer, Browser, out var available))
        {
            Assert.True(available);
            Assert.NotNull(media);
            // The engine is offered a phone at the listen address.
            Assert.Equal("127.0.0.1", media.Offer.GetConnection(media.Offer.Media[0])!.Address);
            var bridgePort = media.Offer.Media[0].Port;

            // The engine's answer names the public address (as its SDP does with PublicAddress set)...
            var engineAnswer = SdpParser.Parse(
                $"v=0\r\no=cc 1 1 IN IP4 {PublicAddress}\r\ns=cc\r\nc=IN IP4 {PublicAddress}\r\nt=0 0\r\nm=audio {relayPort} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n");
            var toBrowser = media.AcceptAnswer(engineAnswer);

            // ...the browser is given the public address as its candidate...
            Assert.NotNull(toBrowser);
            Assert.True(SdpWebRtcTransport.TryRead(toBrowser, toBrowser.Media[0], out var transport));
            Assert.All(transport.Candidates, c => Assert.Equal(PublicAddress, c.Address));

            // ...and the bridge takes the relay's audio from the listen address (with the public one it would drop it).
            for (ushort i = 0; i < 5; i++)
            {
                var packet = new byte[172];
                Assert.True(new RtpPacket(0, i, i * 160u, 42, new byte[160]).TryWrite(packet, out var length));
                relay.SendTo(packet.AsSpan(0, length), new IPEndPoint(IPAddress.Loopback, bridgePort));
            }

            await Task.Delay(300);
        }

        Assert.Contains(_logs.Lines, l => l.Contains("closed: 5 packets from the call", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EngineRingsABrowser_PublicAddressSet_OfferCandidateIsPublic_SrtpOnlyOfferNotBridged()
    {
        var plain = SdpParser.Parse("v=0\r\no=cc 1 1 IN IP4 203.0.113.7\r\ns=cc\r\nc=IN IP4 203.0.113.7\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
        var sdesOnly = SdpParser.Parse("v=0\r\no=cc 1 1 IN IP4 203.0.113.7\r\ns=cc\r\nc=IN IP4 203.0.113.7\r\nt=0 0\r\nm=audio 30000 RTP/SAVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r\n");

        var media = _gateway.Open(plain, Browser, out var available);
        var refused = _gateway.Open(sdesOnly, Browser, out var sdesAvailable);

        Assert.True(available);
        Assert.NotNull(media);
        Assert.True(SdpWebRtcTransport.TryRead(media.Offer, media.Offer.Media[0], out var transport));
        Assert.All(transport.Candidates, c => Assert.Equal(PublicAddress, c.Address));
        Assert.Null(refused);
        Assert.False(sdesAvailable);
        await media.DisposeAsync();
    }

    public void Dispose() => _services.Dispose();

    /// <summary>Every log line, formatted.</summary>
    private sealed class RecordingLoggers : ILoggerFactory, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
