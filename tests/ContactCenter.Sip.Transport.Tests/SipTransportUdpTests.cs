using System.Net;
using System.Text;
using ContactCenter.Sip.Syntax;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport.Tests;

public sealed class SipTransportUdpTests
{
    [Fact]
    public async Task Udp_OptionsToHandlerThatAnswers_SenderGets200()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = new UdpPeer();

        await peer.SendAsync(Messages.Options("udp-round-trip"), harness.UdpEndPoint);
        var response = await peer.ReceiveResponseAsync("udp-round-trip");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.messages_received", "sip.method=OPTIONS"));
    }

    [Fact]
    public async Task Udp_ViaFromOtherHostWithRPort_StampsReceivedAndRPort()
    {
        await using var harness = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();

        await peer.SendAsync(Messages.Options("stamp-rport"), harness.UdpEndPoint);
        var received = await harness.Handler.NextAsync("stamp-rport");

        var via = received.Message.TopVia;
        Assert.Equal("192.0.2.1", via.Host);
        Assert.Equal("127.0.0.1", via.Received);
        Assert.Equal(peer.EndPoint.Port, via.RPort);
        Assert.Equal(peer.EndPoint, received.Source.EndPoint);
        Assert.Equal(SipTransportProtocol.Udp, received.Source.Protocol);
    }

    [Fact]
    public async Task Udp_ViaSentByIsSourceWithoutRPort_MessageUnchanged()
    {
        await using var harness = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();
        var text = Messages.Options("stamp-none", $"SIP/2.0/UDP 127.0.0.1:{peer.EndPoint.Port};branch=z9hG4bK-same");

        await peer.SendAsync(text, harness.UdpEndPoint);
        var received = await harness.Handler.NextAsync("stamp-none");

        Assert.Equal(text, Encoding.UTF8.GetString(received.Message.Bytes.Span));
        Assert.Null(received.Message.TopVia.Received);
    }

    [Fact]
    public async Task Udp_MalformedRequestWithReadableCoreHeaders_Answers400WithReason()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = new UdpPeer();
        var text = Messages.Options("malformed").Replace("Max-Forwards: 70", "Max-Forwards: seventy", StringComparison.Ordinal);

        await peer.SendAsync(text, harness.UdpEndPoint);
        var response = await peer.ReceiveResponseAsync("malformed");

        Assert.Equal(400, response.StatusCode);
        Assert.NotEqual("Bad Request", response.ReasonPhrase);
        Assert.False(string.IsNullOrWhiteSpace(response.ReasonPhrase));
        Assert.Equal(0, harness.Handler.Count);
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.parse_failures"));
    }

    [Fact]
    public async Task Udp_Garbage_DroppedCountedAndListenerStillAnswers()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = new UdpPeer();

        await peer.SendAsync([0x16, 0x03, 0x01, 0xff, 0x00, 0x41, 0x42, 0x0d, 0x0a], harness.UdpEndPoint);
        await peer.SendAsync("HELLO WORLD\r\n\r\n", harness.UdpEndPoint);
        await peer.SendAsync(Messages.Options("after-garbage"), harness.UdpEndPoint);
        var response = await peer.ReceiveResponseAsync("after-garbage");

        await TransportHarness.WaitUntilAsync(
            () => harness.Counter("contactcenter.sip.transport.parse_failures", "network.transport=udp") == 2, "both are counted");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, harness.Handler.Count);
    }

    [Fact]
    public async Task Udp_CrLfKeepAliveFromAPhoneBehindNat_NotAFailure_NothingSent_ListenerStillAnswers()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = new UdpPeer();

        // RFC 5626 §4.4.1: a phone keeps its NAT binding open with bare CRLFs.
        await peer.SendAsync("\r\n\r\n", harness.UdpEndPoint);
        await peer.SendAsync("\r\n", harness.UdpEndPoint);
        await peer.SendAsync(Messages.Options("after-keep-alive"), harness.UdpEndPoint);
        var response = await peer.ReceiveResponseAsync("after-keep-alive");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(0, harness.Counter("contactcenter.sip.transport.parse_failures", "network.transport=udp"));
        Assert.Equal(1, harness.Handler.Count);
    }

    [Fact]
    public async Task Udp_RequestLargerThanMaxMessageBytes_Answers513()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk, o => CopyWith(o, maxMessageBytes: 2_048));
        using var peer = new UdpPeer();
        var text = Messages.Options("too-large", extraHeaders: $"X-Padding: {new string('x', 3_000)}\r\n");

        await peer.SendAsync(text, harness.UdpEndPoint);
        var response = await peer.ReceiveResponseAsync("too-large");

        Assert.Equal(513, response.StatusCode);
        Assert.Equal(0, harness.Handler.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Udp_HandlerThrows_ListenerSurvivesAndAnswersNextRequest(bool inline)
    {
        await using var harness = await TransportHarness.StartAsync((message, transport) =>
            message.Message.CallId == "boom" ? throw new InvalidOperationException("handler bug") : TransportHarness.AnswerOk(message, transport),
            o => CopyWith(o, inline: inline));
        using var peer = new UdpPeer();

        await peer.SendAsync(Messages.Options("boom"), harness.UdpEndPoint);
        await TransportHarness.WaitUntilAsync(() => harness.Counter("contactcenter.sip.transport.handler_failures") == 1, "the handler failed");
        await peer.SendAsync(Messages.Options("after-boom"), harness.UdpEndPoint);
        var response = await peer.ReceiveResponseAsync("after-boom");

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task Udp_ResponseWithForeignVia_DroppedAndCounted()
    {
        await using var harness = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();

        await peer.SendAsync(Messages.Response("foreign", "192.0.2.1"), harness.UdpEndPoint);
        await peer.SendAsync(Messages.Response("ours", "127.0.0.1"), harness.UdpEndPoint);
        var ours = await harness.Handler.NextAsync("ours");
        await TransportHarness.WaitUntilAsync(
            () => harness.Counter("contactcenter.sip.transport.dropped", "reason=via_not_ours") == 1, "the foreign one is dropped");

        Assert.Equal(1, harness.Handler.Count);
        Assert.IsType<SipResponse>(ours.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Udp_SlowHandlerWithFullQueue_DropsAndCounts(bool inline)
    {
        // Queued: one message in the handler, one taken by the consumer waiting for its slot, one in the queue.
        // Inline: two in the handler at once.
        using var gate = new SemaphoreSlim(0);
        await using var harness = await TransportHarness.StartAsync(
            async (_, _) => await gate.WaitAsync(TransportHarness.SafetyTimeout),
            o => CopyWith(o, queueCapacity: inline ? 2 : 1, concurrency: 1, inline: inline));
        using var peer = new UdpPeer();

        for (var i = 0; i < 10; i++)
        {
            await peer.SendAsync(Messages.Options($"flood-{i}"), harness.UdpEndPoint);
        }

        await TransportHarness.WaitUntilAsync(
            () => harness.Counter("contactcenter.sip.transport.messages_received") == 10, "all ten were received");
        gate.Release(10);

        Assert.True(harness.Counter("contactcenter.sip.transport.dropped", "reason=queue_full") >= (inline ? 8 : 7));
    }

    [Theory]
    [InlineData(false)] // one consumer task: it must not wait for a handling to finish before taking the next message
    [InlineData(true)]
    public async Task Udp_HandlerStillWaiting_NextRequestAnswered(bool inline)
    {
        using var gate = new SemaphoreSlim(0);
        await using var harness = await TransportHarness.StartAsync(
            async (message, transport) =>
            {
                if (message.Message.CallId == "waits")
                {
                    await gate.WaitAsync(TransportHarness.SafetyTimeout);
                }

                await TransportHarness.AnswerOk(message, transport);
            },
            o => CopyWith(o, inline: inline, concurrency: 1, receiveLoops: 1));
        using var peer = new UdpPeer();

        await peer.SendAsync(Messages.Options("waits"), harness.UdpEndPoint);
        await peer.SendAsync(Messages.Options("next"), harness.UdpEndPoint);
        var next = await peer.ReceiveResponseAsync("next");
        gate.Release();
        var waited = await peer.ReceiveResponseAsync("waits");

        Assert.Equal((200, 200), (next.StatusCode, waited.StatusCode));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stop_WaitsForAHandlingInProgress_ThenReturns(bool inline)
    {
        using var gate = new SemaphoreSlim(0);
        var finished = false;
        await using var harness = await TransportHarness.StartAsync(
            async (_, _) =>
            {
                await gate.WaitAsync(TransportHarness.SafetyTimeout);
                Volatile.Write(ref finished, true);
            },
            o => CopyWith(o, inline: inline, concurrency: 1));
        using var peer = new UdpPeer();
        await peer.SendAsync(Messages.Options("in-hand"), harness.UdpEndPoint);
        await TransportHarness.WaitUntilAsync(() => harness.Handler.Count == 1, "the message is in handling");

        var stop = harness.Transport.StopAsync(CancellationToken.None);
        await Task.Delay(300);
        Assert.False(stop.IsCompleted, "stop returned while a message was still being handled");
        gate.Release();
        await stop.WaitAsync(TimeSpan.FromSeconds(1)); // well within the shutdown timeout (2 s)

        Assert.True(Volatile.Read(ref finished));
    }

    [Fact]
    public async Task Udp_ThousandsOfMutatedMessages_ListenerStillAnswersOptions()
    {
        await using var harness = await TransportHarness.StartAsync((message, transport) =>
            message.Message.CallId == "fuzz-final" ? TransportHarness.AnswerOk(message, transport) : ValueTask.CompletedTask);
        using var peer = new UdpPeer();
        var random = new Random(20_240_613);
        var seeds = new[]
        {
            Messages.Options("fuzz"),
            Messages.Response("fuzz", "127.0.0.1"),
            Messages.Options("fuzz", extraHeaders: "Contact: <sip:alice@127.0.0.1:5070>\r\nRoute: <sip:127.0.0.1;lr>\r\n"),
        }.Select(Encoding.UTF8.GetBytes).ToArray();

        for (var i = 0; i < 3_000; i++)
        {
            await peer.SendAsync(Mutate(seeds[random.Next(seeds.Length)], random), harness.UdpEndPoint);
        }

        var response = await RetransmitUntilAnsweredAsync(peer, Messages.Options("fuzz-final"), harness.UdpEndPoint, "fuzz-final");

        Assert.Equal(200, response.StatusCode);
        Assert.True(harness.Counter("contactcenter.sip.transport.parse_failures") > 0);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Trace_RegisterWithAuthorization_DoesNotContainDigestResponse()
    {
        const string secret = "6629fae49393a05397450978507c4ef1";
        await using var harness = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();
        var register = Messages.Options("traced", extraHeaders:
            $"Authorization: Digest username=\"alice\", realm=\"cc\", nonce=\"n1\", uri=\"sip:127.0.0.1\", response=\"{secret}\"\r\n")
            .Replace("OPTIONS", "REGISTER", StringComparison.Ordinal);

        await peer.SendAsync(register, harness.UdpEndPoint);
        await harness.Handler.NextAsync("traced");

        var traces = harness.Logs.Entries.Where(e => e.Category == "ContactCenter.Sip.Trace" && e.Level == LogLevel.Trace).ToList();
        Assert.Contains(traces, t => t.Text.Contains("REGISTER sip:service@127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Text.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_UdpToPeer_SendsBytesAndCounts()
    {
        await using var harness = await TransportHarness.StartAsync();
        using var peer = new UdpPeer();
        var request = SipParser.ParseRequest(Messages.Options("outbound", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-o;rport"));

        var sent = await harness.Transport.SendAsync(request, new SipEndPoint(SipTransportProtocol.Udp, peer.EndPoint), CancellationToken.None);

        Assert.True(sent);
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.messages_sent", "sip.method=OPTIONS"));
    }

    [Fact]
    public async Task LocalEndPoints_PortZero_ReportsBoundLoopbackPorts()
    {
        await using var harness = await TransportHarness.StartAsync();

        var endPoints = harness.Transport.LocalEndPoints;

        Assert.Equal(2, endPoints.Count);
        Assert.All(endPoints, e => Assert.Equal(IPAddress.Loopback, e.EndPoint.Address));
        Assert.All(endPoints, e => Assert.NotEqual(0, e.EndPoint.Port));
    }

    internal static SipTransportOptions CopyWith(SipTransportOptions o, int? maxMessageBytes = null, int? queueCapacity = null,
        int? concurrency = null, int? perSource = null, bool? inline = null, int? receiveLoops = null) => new()
    {
        DispatchInline = inline ?? o.DispatchInline,
        UdpReceiveLoops = receiveLoops ?? o.UdpReceiveLoops,
        ListenAddress = o.ListenAddress,
        UdpPort = o.UdpPort,
        TcpPort = o.TcpPort,
        ShutdownTimeout = o.ShutdownTimeout,
        MaxMessageBytes = maxMessageBytes ?? o.MaxMessageBytes,
        DispatchQueueCapacity = queueCapacity ?? o.DispatchQueueCapacity,
        DispatchConcurrency = concurrency ?? o.DispatchConcurrency,
        MaxConnectionsPerSource = perSource ?? o.MaxConnectionsPerSource,
    };

    private static async Task<SipResponse> RetransmitUntilAnsweredAsync(UdpPeer peer, string request, IPEndPoint to, string callId)
    {
        // Like a UA over UDP (RFC 3261 §17.1.2.2): the kernel may drop a datagram after a burst, so retransmit.
        for (var attempt = 0; ; attempt++)
        {
            await peer.SendAsync(request, to);
            try
            {
                return await peer.ReceiveResponseAsync(callId, TimeSpan.FromMilliseconds(500));
            }
            catch (OperationCanceledException) when (attempt < 20)
            {
                // retransmit
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, "\r\n"u8.ToArray());
                    break;
                case 3:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(new[] { ":", ";", ",", "<", ">", "\"", " ", "\t", "=", "%" }[random.Next(10)]));
                    break;
                case 4:
                    var length = Math.Min(random.Next(1, 60), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
