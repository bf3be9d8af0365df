using System.Net;
using System.Net.Sockets;
using ContactCenter.Sip.Syntax;
using ContactCenter.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.Transport.Tests;

public sealed class SipTransportTcpTests
{
    private const string TcpVia = "SIP/2.0/TCP 192.0.2.1:5070;branch=z9hG4bK-tcp;rport";

    [Fact]
    public async Task Tcp_MessageSplitAcrossWrites_DeliveredOnce()
    {
        await using var harness = await TransportHarness.StartAsync();
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);
        var text = Messages.Options("split", TcpVia);

        foreach (var part in new[] { text[..5], text[5..60], text[60..^3], text[^3..] })
        {
            await peer.WriteAsync(part);
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        var received = await harness.Handler.NextAsync("split");

        Assert.Equal(SipTransportProtocol.Tcp, received.Source.Protocol);
        Assert.Equal(peer.LocalEndPoint, received.Source.EndPoint);
        Assert.Equal("127.0.0.1", received.Message.TopVia.Received);
        Assert.Equal(peer.LocalEndPoint.Port, received.Message.TopVia.RPort);
        Assert.Equal(1, harness.Handler.Count);
    }

    [Fact]
    public async Task Tcp_SeveralMessagesInOneWrite_AllDeliveredInOrder()
    {
        var order = new List<string>();
        await using var harness = await TransportHarness.StartAsync(
            (m, _) =>
            {
                lock (order)
                {
                    order.Add(m.Message.CallId);
                }

                return ValueTask.CompletedTask;
            },
            o => SipTransportUdpTests.CopyWith(o, concurrency: 1));
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);

        await peer.WriteAsync(Messages.Options("one", TcpVia) + Messages.Options("two", TcpVia) + "\r\n" + Messages.Options("three", TcpVia));
        await harness.Handler.NextAsync("one");
        await harness.Handler.NextAsync("two");
        await harness.Handler.NextAsync("three");

        Assert.Equal(["one", "two", "three"], order);
    }

    [Fact]
    public async Task Tcp_HandlerAnswersToSource_ResponseReusesInboundConnection()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);

        await peer.WriteAsync(Messages.Options("reuse", TcpVia));
        var response = await peer.ReadMessageAsync();

        Assert.Equal(200, Assert.IsType<SipResponse>(response).StatusCode);
        Assert.Equal("reuse", response.CallId);
        Assert.Equal(1, harness.Transport.ConnectionCount);
    }

    [Fact]
    public async Task Tcp_KeepAlivePing_AnsweredWithOneCrLf()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);

        await peer.WriteAsync("\r\n\r\n");
        var pong = await peer.ReadBytesAsync(2);
        await peer.WriteAsync(Messages.Options("after-ping", TcpVia));
        var response = await peer.ReadMessageAsync();

        Assert.Equal("\r\n"u8.ToArray(), pong);
        Assert.Equal("after-ping", response.CallId);
    }

    [Fact]
    public async Task Tcp_RequestWithoutContentLength_Answers400AndCloses()
    {
        await using var harness = await TransportHarness.StartAsync();
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);
        var text = Messages.Options("no-length", TcpVia).Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal);

        await peer.WriteAsync(text);
        var response = Assert.IsType<SipResponse>(await peer.ReadMessageAsync());

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("Missing Content-Length", response.ReasonPhrase);
        Assert.True(await peer.IsClosedByRemoteAsync());
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.parse_failures", "reason=framing"));
    }

    [Fact]
    public async Task Tcp_MalformedButFramedRequest_Answers400AndKeepsConnection()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);
        var bad = Messages.Options("bad-mf", TcpVia).Replace("Max-Forwards: 70", "Max-Forwards: many", StringComparison.Ordinal);

        await peer.WriteAsync(bad + Messages.Options("good", TcpVia));
        var first = Assert.IsType<SipResponse>(await peer.ReadMessageAsync());
        var second = Assert.IsType<SipResponse>(await peer.ReadMessageAsync());

        // Two transactions: their answers may come in either order (the good one is handled as soon as it is read).
        var answers = new[] { first, second }.ToDictionary(r => r.CallId, r => r.StatusCode);
        Assert.Equal(400, answers["bad-mf"]);
        Assert.Equal(200, answers["good"]);
    }

    [Fact]
    public async Task Tcp_RequestLargerThanMaxMessageBytes_Answers513AndCloses()
    {
        await using var harness = await TransportHarness.StartAsync(configure: o => SipTransportUdpTests.CopyWith(o, maxMessageBytes: 2_048));
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);
        var text = Messages.Options("tcp-large", TcpVia).Replace("Content-Length: 0", "Content-Length: 4000", StringComparison.Ordinal);

        await peer.WriteAsync(text);
        var response = Assert.IsType<SipResponse>(await peer.ReadMessageAsync());

        Assert.Equal(513, response.StatusCode);
        Assert.True(await peer.IsClosedByRemoteAsync());
    }

    [Fact]
    public async Task Tcp_ConnectionsBeyondPerSourceCap_RefusedOthersStillServed()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk, o => SipTransportUdpTests.CopyWith(o, perSource: 2));
        using var first = await TcpPeer.ConnectAsync(harness.TcpEndPoint);
        using var second = await TcpPeer.ConnectAsync(harness.TcpEndPoint);
        await TransportHarness.WaitUntilAsync(() => harness.Transport.ConnectionCount == 2, "two connections are open");

        var refused = await IsRefusedAsync(harness.TcpEndPoint);
        await second.WriteAsync(Messages.Options("still-served", TcpVia));
        var response = await second.ReadMessageAsync();

        Assert.True(refused);
        Assert.Equal("still-served", response.CallId);
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.connections_refused", "reason=max_connections_per_source"));
    }

    [Fact]
    public async Task SendAsync_TcpToListeningPeer_ConnectsOnceAndReusesConnection()
    {
        await using var harness = await TransportHarness.StartAsync();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var destination = new SipEndPoint(SipTransportProtocol.Tcp, (IPEndPoint)listener.LocalEndPoint!);
        var via = $"SIP/2.0/TCP 127.0.0.1:{harness.TcpEndPoint.Port};branch=z9hG4bK-out";

        var firstSent = await harness.Transport.SendAsync(SipParser.ParseRequest(Messages.Options("out-1", via)), destination, CancellationToken.None);
        using var accepted = TcpPeer.FromAccepted(await listener.AcceptAsync());
        var secondSent = await harness.Transport.SendAsync(SipParser.ParseRequest(Messages.Options("out-2", via)), destination, CancellationToken.None);
        var first = await accepted.ReadMessageAsync();
        var second = await accepted.ReadMessageAsync();

        Assert.True(firstSent && secondSent);
        Assert.Equal(("out-1", "out-2"), (first.CallId, second.CallId));
        Assert.Equal(1, harness.Transport.ConnectionCount);
    }

    [Fact]
    public async Task SendAsync_TcpToClosedPort_ReturnsFalseAndCounts()
    {
        await using var harness = await TransportHarness.StartAsync();
        var destination = new SipEndPoint(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, FreePorts.Next()));
        var request = SipParser.ParseRequest(Messages.Options("nobody", "SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-x"));

        var sent = await harness.Transport.SendAsync(request, destination, CancellationToken.None);

        Assert.False(sent);
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.send_failures", "reason=no_connection"));
    }

    [Fact]
    public async Task Tcp_PartialMessageLongerThanTimeout_ConnectionClosed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var harness = await TransportHarness.StartAsync(time: time);
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);
        await TransportHarness.WaitUntilAsync(() => harness.Transport.ConnectionCount == 1, "the connection is open");

        await peer.WriteAsync("OPTIONS sip:service@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1");
        await TransportHarness.WaitUntilAsync(() => harness.Counter("contactcenter.sip.transport.connections") == 1, "the loop runs");
        await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        for (var i = 0; i < 34 && harness.Transport.ConnectionCount == 1; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        Assert.True(await peer.IsClosedByRemoteAsync());
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.connections_closed", "reason=partial_message_timeout"));
    }

    [Fact]
    public async Task Tcp_OnlyKeepAlivePings_ClosedAtTheKeepAliveLimit()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var harness = await TransportHarness.StartAsync(time: time);
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);
        await TransportHarness.WaitUntilAsync(() => harness.Counter("contactcenter.sip.transport.connections") == 1, "the loop runs");

        // A ping every 30 s (RFC 5626 double CRLF): answered, and it keeps the connection past the idle timeout (5 min),
        // but without a SIP message only up to the keep-alive limit (1 h).
        var openFor = await PingUntilClosedAsync(harness, peer, time, TimeSpan.FromMinutes(90));

        Assert.InRange(openFor, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(60.5));
        Assert.True(await peer.IsClosedByRemoteAsync());
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.connections_closed", "reason=idle_timeout"));
    }

    [Fact]
    public async Task Tcp_HeldByARegistration_PingsKeepItOpenUntilTheHoldEnds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var harness = await TransportHarness.StartAsync(time: time);
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);
        await TransportHarness.WaitUntilAsync(() => harness.Counter("contactcenter.sip.transport.connections") == 1, "the loop runs");

        harness.Transport.HoldOpenUntil(new SipEndPoint(SipTransportProtocol.Tcp, peer.LocalEndPoint), DateTimeOffset.UnixEpoch.AddMinutes(80));
        var openFor = await PingUntilClosedAsync(harness, peer, time, TimeSpan.FromMinutes(100));

        Assert.InRange(openFor, TimeSpan.FromMinutes(80), TimeSpan.FromMinutes(80.5));
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.connections_closed", "reason=idle_timeout"));
    }

    // Pings every 30 s of fake time until the transport closes the connection or `limit` passes; returns how long it stayed
    // open. Each ping's pong is read before the clock moves on, so a slow machine cannot let fake time pass a ping the
    // transport has not read yet (the idle timeout would then close the connection early).
    private static async Task<TimeSpan> PingUntilClosedAsync(TransportHarness harness, TcpPeer peer, FakeTimeProvider time, TimeSpan limit)
    {
        var start = time.GetUtcNow();
        while (time.GetUtcNow() - start < limit)
        {
            try
            {
                await peer.WriteAsync("\r\n\r\n");
                Assert.Equal("\r\n"u8.ToArray(), await peer.ReadBytesAsync(2));
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                await TransportHarness.WaitUntilAsync(
                    () => harness.Counter("contactcenter.sip.transport.connections_closed") > 0, "the close is counted");
                return time.GetUtcNow() - start;
            }

            time.Advance(TimeSpan.FromSeconds(30));
        }

        return limit;
    }

    [Fact]
    public async Task StopAsync_WithOpenConnection_ClosesItAndStopsListening()
    {
        var harness = await TransportHarness.StartAsync();
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);
        await TransportHarness.WaitUntilAsync(() => harness.Transport.ConnectionCount == 1, "the connection is open");
        var tcp = harness.TcpEndPoint;

        await harness.DisposeAsync();

        Assert.True(await peer.IsClosedByRemoteAsync());
        await Assert.ThrowsAnyAsync<SocketException>(async () => (await TcpPeer.ConnectAsync(tcp)).Dispose());
    }

    [Fact]
    public async Task Tcp_Trace_WritesReceivedAndSentMessages()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = await TcpPeer.ConnectAsync(harness.TcpEndPoint);

        await peer.WriteAsync(Messages.Options("trace-tcp", TcpVia));
        await peer.ReadMessageAsync();
        await TransportHarness.WaitUntilAsync(
            () => harness.Logs.Entries.Any(e => e.Text.StartsWith("Sent", StringComparison.Ordinal)), "the answer is traced");

        var traces = harness.Logs.Entries.Where(e => e.Category == "ContactCenter.Sip.Trace").Select(e => e.Text).ToList();
        Assert.Contains(traces, t => t.StartsWith("Received", StringComparison.Ordinal) && t.Contains("trace-tcp", StringComparison.Ordinal));
        Assert.Contains(traces, t => t.StartsWith("Sent", StringComparison.Ordinal) && t.Contains("SIP/2.0 200 OK", StringComparison.Ordinal));
    }

    private static async Task<bool> IsRefusedAsync(IPEndPoint to)
    {
        // The refusal is a reset: it may already reach the connect, or only the first read.
        try
        {
            using var peer = await TcpPeer.ConnectAsync(to);
            return await peer.IsClosedByRemoteAsync();
        }
        catch (SocketException)
        {
            return true;
        }
    }

    [Fact]
    public async Task SendAsync_LargeUdpRequestWithPreferTcp_SentOverTcpWithTcpVia()
    {
        await using var harness = await TransportHarness.StartAsync(configure: o => new SipTransportOptions
        {
            UdpPort = 0, TcpPort = 0, ShutdownTimeout = o.ShutdownTimeout, PreferTcpForLargeRequests = true,
        });
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var large = SipParser.ParseRequest(Messages.Options("large", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-l;rport",
            $"X-Padding: {new string('p', 1_400)}\r\n"));

        var sent = await harness.Transport.SendAsync(large, new SipEndPoint(SipTransportProtocol.Udp, (IPEndPoint)listener.LocalEndPoint!), CancellationToken.None);
        using var accepted = TcpPeer.FromAccepted(await listener.AcceptAsync());
        var received = await accepted.ReadMessageAsync();

        Assert.True(sent);
        Assert.Equal("TCP", received.TopVia.Transport);
        Assert.Equal(harness.TcpEndPoint.Port, received.TopVia.Port);
        Assert.Equal("z9hG4bK-l", received.TopVia.Branch);
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsAndReportsNoEndPoints()
    {
        await using var first = await TransportHarness.StartAsync();
        var taken = first.UdpEndPoint.Port;
        await using var second = TransportHarness.Create(configure: o => new SipTransportOptions { UdpPort = taken, TcpPort = 0 });

        await Assert.ThrowsAsync<SocketException>(() => second.Transport.StartAsync(CancellationToken.None));

        Assert.Empty(second.Transport.LocalEndPoints);
    }
}
