using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Host.BrowserPhone;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Srtp;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sdp.WebRtc;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Host.Tests.BrowserPhone;

/// <summary>
/// The browser leg's addresses with <c>Sip:Rtp:PublicAddress</c> set: the browser is given the public address as its ICE
/// candidate, while the bridge's G.711 side toward the engine's relay is an internal hop at the listen address (no NAT
/// hairpin), with SDES keys of its own when the engine's offer requires SRTP (an extension that must use TLS and SRTP).
/// </summary>
public sealed class BrowserMediaGatewayTests : IDisposable
{
    private const string PublicAddress = "203.0.113.7";
    private static readonly SipEndPoint Browser = new(SipTransportProtocol.Wss, new IPEndPoint(IPAddress.Loopback, 40_000));

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RecordingLoggers _logs = new();
    private readonly BrowserMediaGateway _gateway;
    private readonly int _first = 20_000 + (2 * Random.Shared.Next(0, 15_000));

    public BrowserMediaGatewayTests()
    {
        var first = _first;
        var options = Microsoft.Extensions.Options.Options.Create(new MediaOptions
        {
            ListenAddress = "127.0.0.1", PublicAddress = PublicAddress, PortMin = first, PortMax = first + 7,
        });
        var ports = new RtpPortAllocator(options.Value.PortRange, new MediaMetrics(_services.GetRequiredService<IMeterFactory>()));
        _gateway = new BrowserMediaGateway(ports, options, Microsoft.Extensions.Options.Options.Create(new BrowserPhoneOptions()), TimeProvider.System, _logs);
    }

    [Fact]
    public async Task BrowserCalls_PublicAddressSet_ItsCandidateIsPublic_TheEnginesSideIsTheListenAddress()
    {
        using var relay = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        relay.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var relayPort = ((IPEndPoint)relay.LocalEndPoint!).Port;
        var offer = Data("chromium-webrtc-offer.sdp");

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

            // ...the browser is given the public address as its candidate, and G.711 (it offered PCMU: no transcoding)...
            Assert.NotNull(toBrowser);
            Assert.Equal("0", toBrowser.Media[0].Formats[0]);
            Assert.True(SdpWebRtcTransport.TryRead(toBrowser, toBrowser.Media[0], out var transport));
            Assert.All(transport.Candidates, c => Assert.Equal(PublicAddress, c.Address));

            // ...and the bridge takes the relay's audio from the listen address (with the public one it would drop it).
            for (ushort i = 0; i < 5; i++)
            {
                var packet = new byte[172];
                Assert.True(new RtpPacket(0, i, i * 160u, 42, new byte[160]).TryWrite(packet, out var length));
                relay.SendTo(packet.AsSpan(0, length), new IPEndPoint(IPAddress.Loopback, bridgePort));
            }

            await Task.Delay(2_000);
        }

        Assert.Contains(_logs.Lines, l => l.Contains("closed: 5 packets from the call", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "8 0 111")]  // the engine offers PCMA: the browser is offered PCMA first (passed through), Opus last
    [InlineData(true, "111 8 0")]   // BrowserPhone:PreferOpus: Opus first, G.711 after
    public async Task EngineRingsABrowser_OurOfferPutsTheEnginesLawFirst_UnlessOpusIsPreferred(bool preferOpus, string voice)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new MediaOptions { ListenAddress = "127.0.0.1", PortMin = _first, PortMax = _first + 7 });
        var ports = new RtpPortAllocator(options.Value.PortRange, new MediaMetrics(_services.GetRequiredService<IMeterFactory>()));
        var gateway = new BrowserMediaGateway(ports, options, Microsoft.Extensions.Options.Options.Create(new BrowserPhoneOptions { PreferOpus = preferOpus }),
            TimeProvider.System, _logs);
        var engineOffer = SdpOfferAnswer.CreateOffer(new SdpLocalCapabilities(IPAddress.Loopback, 30_000, [SdpCodec.Pcma, SdpCodec.Pcmu]),
            new SdpOriginTracker(IPAddress.Loopback, "1", 1));

        await using var media = gateway.Open(engineOffer, Browser, out var available);

        Assert.True(available);
        Assert.NotNull(media);
        Assert.Equal(voice, string.Join(' ', media.Offer.Media[0].Formats.Take(3)));
    }

    [Fact]
    public async Task EngineRingsABrowser_SrtpOnlyOffer_TheBridgeAnswersWithItsSdesKeys_TakesOnlyTheEnginesSrtp()
    {
        using var relay = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        relay.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        // The engine's offer for an extension that must use TLS and SRTP (its desk phone rings beside the browser).
        var engine = new SdpLocalCapabilities(IPAddress.Parse(PublicAddress), ((IPEndPoint)relay.LocalEndPoint!).Port, [SdpCodec.Pcmu])
        {
            Srtp = SdpSrtpMode.Require,
            Crypto = SdesKeys.Create(),
        };
        var engineOffer = SdpOfferAnswer.CreateOffer(engine, new SdpOriginTracker(IPAddress.Loopback, "1", 1));

        await using (var media = _gateway.Open(engineOffer, Browser, out var available))
        {
            Assert.True(available);
            Assert.NotNull(media);
            Assert.True(SdpWebRtcTransport.TryRead(media.Offer, media.Offer.Media[0], out var transport));
            Assert.All(transport.Candidates, c => Assert.Equal(PublicAddress, c.Address));
            // Chromium's real answer to our offer (captured by the Web tests).
            var toEngine = media.AcceptAnswer(Data("chromium-webrtc-answer.sdp"));

            // The engine takes the answer as SRTP (RTP/SAVP with the bridge's keys) at the listen address.
            Assert.NotNull(toEngine);
            Assert.Equal("127.0.0.1", toEngine.GetConnection(toEngine.Media[0])!.Address);
            var agreed = SdpOfferAnswer.ProcessAnswer(engineOffer, toEngine, engine);
            Assert.True(agreed.IsAccepted);
            Assert.True(SdesKeys.TryCreateSession(agreed.Audio!.Srtp!, out var srtp));
            using (srtp)
            {
                var bridge = new IPEndPoint(IPAddress.Loopback, toEngine.Media[0].Port);
                var packet = new byte[200];
                for (ushort i = 0; i < 8; i++)
                {
                    Assert.True(new RtpPacket(0, i, i * 160u, 42, new byte[160]).TryWrite(packet, out var length));
                    // Five protected with the engine's key; three in clear (forged: dropped).
                    if (i < 5)
                    {
                        Assert.Equal(SrtpResult.Ok, srtp.ProtectRtp(packet, length, out length));
                    }

                    relay.SendTo(packet.AsSpan(0, length), bridge);
                }

                // The first packet builds the Opus coder (its code compiled on first use): 2 s were too few once on a CI
                // machine loaded by a benchmark beside it (1 of 5 counted at the close).
                await Task.Delay(5_000);
            }
        }

        Assert.Contains(_logs.Lines, l => l.Contains("closed: 5 packets from the call", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StalledDtlsPeer_DroppedAfterTheHandshakeTimeout_TheLegFails_ItsPortsComeBack()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Microsoft.Extensions.Options.Options.Create(new MediaOptions { ListenAddress = "127.0.0.1", PortMin = _first + 8, PortMax = _first + 11 });
        var ports = new RtpPortAllocator(options.Value.PortRange, new MediaMetrics(_services.GetRequiredService<IMeterFactory>()));
        var phone = Microsoft.Extensions.Options.Options.Create(new BrowserPhoneOptions { DtlsHandshakeTimeout = TimeSpan.FromSeconds(5) });
        var gateway = new BrowserMediaGateway(ports, options, phone, time, _logs);
        var engineOffer = SdpOfferAnswer.CreateOffer(new SdpLocalCapabilities(IPAddress.Loopback, 30_000, [SdpCodec.Pcmu]), new SdpOriginTracker(IPAddress.Loopback, "1", 1));
        var media = gateway.Open(engineOffer, Browser, out _);
        Assert.NotNull(media);
        Assert.NotNull(media.AcceptAnswer(Data("chromium-webrtc-answer.sdp")));

        // The browser's side sends one DTLS record and then nothing: the handshake waits for the rest.
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        peer.SendTo(new byte[] { 22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 }, new IPEndPoint(IPAddress.Loopback, media.Offer.Media[0].Port));
        var advanced = TimeSpan.Zero;
        for (var i = 0; i < 200 && !media.Failed.IsCompleted && advanced < BrowserBranchMedia.HandshakeTimeout - TimeSpan.FromSeconds(1); i++)
        {
            await Task.Delay(50);
            time.Advance(TimeSpan.FromMilliseconds(500));
            advanced += TimeSpan.FromMilliseconds(500);
        }

        // The DTLS timeout (5 s), not the leg's 20 s wait for its keys, failed the leg: the session layer then ends it.
        await media.Failed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(advanced < BrowserBranchMedia.HandshakeTimeout, $"the leg failed only after {advanced}");
        Assert.Contains(_logs.Lines, l => l.Contains("DTLS handshake failed", StringComparison.Ordinal));
        Assert.True(ports.TryAllocate(out var other)); // the range's other pair
        Assert.False(ports.TryAllocate(out _), "the failed leg holds its pair until it is ended");
        other.Dispose();
        await media.DisposeAsync();

        // Ended, it gives its pair back: both pairs of the range lease again.
        Assert.True(ports.TryAllocate(out var first));
        Assert.True(ports.TryAllocate(out var second));
        first.Dispose();
        second.Dispose();
    }

    public void Dispose() => _services.Dispose();

    private static SdpSession Data(string name) => SdpParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", name)));

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
