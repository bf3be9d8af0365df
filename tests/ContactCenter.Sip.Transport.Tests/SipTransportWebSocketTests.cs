using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transport.Tests;

/// <summary>SIP over WebSocket (RFC 7118): a browser's connection, accepted by the HTTP host, carried by the transport.</summary>
public sealed class SipTransportWebSocketTests
{
    private const string BrowserVia = "SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK-ws";

    [Fact]
    public async Task WebSocket_BrowserSendsOptions_HandlerSeesWsSourceAndTheAnswerComesBackOverIt()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        await using var browser = await WebSocketPair.OpenAsync(harness.Transport);

        await browser.SendAsync(Messages.Options("ws-1", BrowserVia));
        var received = await harness.Handler.NextAsync("ws-1");
        var answer = await browser.ReceiveAsync();

        Assert.Equal(SipTransportProtocol.Ws, received.Source.Protocol);
        Assert.Equal(browser.ClientEndPoint, received.Source.EndPoint);
        Assert.Equal("127.0.0.1", received.Message.TopVia.Received); // RFC 7118 §5.1: the .invalid sent-by gets received
        Assert.Equal(200, Assert.IsType<SipResponse>(answer).StatusCode);
        Assert.Equal(WebSocketMessageType.Text, browser.LastMessageType);
        Assert.True(harness.Counter("contactcenter.sip.transport.messages_received", "network.transport=ws") >= 1);
    }

    [Fact]
    public async Task WebSocket_RequestToTheBrowsersSource_GoesOverItsConnection()
    {
        await using var harness = await TransportHarness.StartAsync();
        await using var browser = await WebSocketPair.OpenAsync(harness.Transport);
        await browser.SendAsync(Messages.Options("ws-reg", BrowserVia));
        var registered = await harness.Handler.NextAsync("ws-reg");

        var sent = await harness.Transport.SendAsync(Request("ws-invite", harness.Transport), registered.Source, CancellationToken.None);
        var request = await browser.ReceiveAsync();

        Assert.True(sent);
        Assert.Equal("ws-invite", Assert.IsType<SipRequest>(request).CallId);
        Assert.Equal(browser.ServerEndPoint.Port, harness.Transport.GetLocalEndPoint(SipTransportProtocol.Ws).EndPoint.Port);
    }

    [Fact]
    public async Task WebSocket_BrowserCloses_RunEndsAndRequestsToItFail()
    {
        await using var harness = await TransportHarness.StartAsync();
        await using var browser = await WebSocketPair.OpenAsync(harness.Transport);
        var source = new SipEndPoint(SipTransportProtocol.Ws, browser.ClientEndPoint);
        await HarnessWaitOpen(harness);

        await browser.CloseAsync();
        var reason = await browser.Run.WaitAsync(TransportHarness.SafetyTimeout);
        var sent = await harness.Transport.SendAsync(Request("ws-gone", harness.Transport), source, CancellationToken.None);

        Assert.Equal("peer", reason);
        Assert.False(sent);
        Assert.Equal(0, harness.Transport.WebSocketCount);
    }

    [Fact]
    public async Task WebSocket_MessageOverTheLimit_ClosedWithMessageTooBig()
    {
        await using var harness = await TransportHarness.StartAsync(configure: o => new SipTransportOptions
        {
            ListenAddress = o.ListenAddress, UdpPort = 0, TcpPort = 0, ShutdownTimeout = o.ShutdownTimeout, MaxMessageBytes = 2_048,
        });
        await using var browser = await WebSocketPair.OpenAsync(harness.Transport);

        await browser.SendAsync(Messages.Options("ws-big", BrowserVia, "X-Padding: " + new string('a', 3_000) + "\r\n"));
        var reason = await browser.Run.WaitAsync(TransportHarness.SafetyTimeout);

        Assert.Equal("malformed_stream", reason);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await browser.ReceiveCloseAsync());
        Assert.Equal(0, harness.Handler.Count);
    }

    [Fact]
    public async Task WebSocket_RequestThatDoesNotParse_Answered400OverTheSameConnection()
    {
        await using var harness = await TransportHarness.StartAsync();
        await using var browser = await WebSocketPair.OpenAsync(harness.Transport);

        await browser.SendAsync(Messages.Options("ws-bad", BrowserVia).Replace("Max-Forwards: 70", "Max-Forwards: seventy", StringComparison.Ordinal));
        var answer = await browser.ReceiveAsync();

        Assert.Equal(400, Assert.IsType<SipResponse>(answer).StatusCode);
        Assert.Equal(0, harness.Handler.Count);
    }

    [Fact]
    public async Task WebSocket_TransportStops_ConnectionClosedByUs()
    {
        var harness = await TransportHarness.StartAsync();
        await using var browser = await WebSocketPair.OpenAsync(harness.Transport);
        await HarnessWaitOpen(harness);

        await harness.DisposeAsync();
        var reason = await browser.Run.WaitAsync(TransportHarness.SafetyTimeout);

        Assert.Equal("stopping", reason);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await browser.ReceiveCloseAsync());
    }

    private static Task HarnessWaitOpen(TransportHarness harness) =>
        TransportHarness.WaitUntilAsync(() => harness.Transport.WebSocketCount == 1, "the WebSocket is open");

    private static SipRequest Request(string callId, SipTransport transport)
    {
        var local = transport.GetLocalEndPoint(SipTransportProtocol.Udp).EndPoint;
        return (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(
            "INVITE sip:1001@df7jal23ls0d.invalid;transport=ws SIP/2.0\r\n" +
            $"Via: SIP/2.0/WS {local.Address}:{local.Port};branch=z9hG4bK-{callId}\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:7000@127.0.0.1>;tag=e1\r\n" +
            "To: <sip:1001@127.0.0.1>\r\n" +
            $"Call-ID: {callId}\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Content-Length: 0\r\n\r\n"));
    }

    /// <summary>A browser's WebSocket (client side) and the server side handed to the transport, over loopback TCP.</summary>
    private sealed class WebSocketPair : IAsyncDisposable
    {
        private readonly WebSocket _client;
        private readonly WebSocket _server;

        private WebSocketPair(WebSocket client, WebSocket server, IPEndPoint clientEndPoint, IPEndPoint serverEndPoint, Task<string> run)
        {
            _client = client;
            _server = server;
            ClientEndPoint = clientEndPoint;
            ServerEndPoint = serverEndPoint;
            Run = run;
        }

        public IPEndPoint ClientEndPoint { get; }

        public IPEndPoint ServerEndPoint { get; }

        public Task<string> Run { get; }

        public WebSocketMessageType? LastMessageType { get; private set; }

        public static async Task<WebSocketPair> OpenAsync(SipTransport transport)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var clientSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await clientSocket.ConnectAsync(listener.LocalEndPoint!);
            var serverSocket = await listener.AcceptAsync();
            var client = WebSocket.CreateFromStream(new NetworkStream(clientSocket, ownsSocket: true),
                new WebSocketCreationOptions { IsServer = false, SubProtocol = "sip" });
            var server = WebSocket.CreateFromStream(new NetworkStream(serverSocket, ownsSocket: true),
                new WebSocketCreationOptions { IsServer = true, SubProtocol = "sip" });
            var clientEndPoint = (IPEndPoint)clientSocket.LocalEndPoint!;
            var serverEndPoint = (IPEndPoint)serverSocket.LocalEndPoint!;
            var run = transport.RunWebSocketAsync(server, new SipEndPoint(SipTransportProtocol.Ws, clientEndPoint),
                new SipEndPoint(SipTransportProtocol.Ws, serverEndPoint), CancellationToken.None);
            return new WebSocketPair(client, server, clientEndPoint, serverEndPoint, run);
        }

        public Task SendAsync(string text) =>
            _client.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        public async Task<SipMessage> ReceiveAsync()
        {
            using var timeout = new CancellationTokenSource(TransportHarness.SafetyTimeout);
            var buffer = new byte[65_536];
            var result = await _client.ReceiveAsync(buffer, timeout.Token);
            Assert.True(result.EndOfMessage);
            LastMessageType = result.MessageType;
            return SipParser.Parse(buffer.AsSpan(0, result.Count));
        }

        public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
        {
            using var timeout = new CancellationTokenSource(TransportHarness.SafetyTimeout);
            var buffer = new byte[65_536];
            WebSocketReceiveResult result;
            do
            {
                result = await _client.ReceiveAsync(buffer, timeout.Token);
            }
            while (result.MessageType != WebSocketMessageType.Close);

            return result.CloseStatus;
        }

        public Task CloseAsync() => _client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            _client.Abort();
            _client.Dispose();
            await ((Task)Run).WaitAsync(TransportHarness.SafetyTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _server.Dispose();
        }
    }
}
