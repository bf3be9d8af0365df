using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.Transport.Tests;

/// <summary>A started transport on 127.0.0.1 and free ports, with a scriptable handler, recorded metrics and logs.</summary>
internal sealed class TransportHarness : IAsyncDisposable
{
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counters = new();

    private TransportHarness(SipTransportOptions options, Func<SipInboundMessage, SipTransport, ValueTask>? onMessage, TimeProvider time)
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new SipTransportMetrics(meterFactory);
        var meter = meterFactory.Create(SipTransportMetrics.MeterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            _counters.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
            foreach (var tag in tags)
            {
                var key = $"{instrument.Name}|{tag.Key}={tag.Value}";
                _counters.AddOrUpdate(key, value, (_, v) => v + value);
            }
        });
        _listener.Start();
        Handler = new RecordingHandler(this, onMessage);
        Transport = new SipTransport(Options.Create(options), Handler, Metrics, time, Logs);
    }

    public SipTransport Transport { get; }

    public RecordingHandler Handler { get; }

    public SipTransportMetrics Metrics { get; }

    public CapturingLoggerFactory Logs { get; } = new();

    public IPEndPoint UdpEndPoint => Transport.GetLocalEndPoint(SipTransportProtocol.Udp).EndPoint;

    public IPEndPoint TcpEndPoint => Transport.GetLocalEndPoint(SipTransportProtocol.Tcp).EndPoint;

    public IPEndPoint TlsEndPoint => Transport.GetLocalEndPoint(SipTransportProtocol.Tls).EndPoint;

    public static async Task<TransportHarness> StartAsync(
        Func<SipInboundMessage, SipTransport, ValueTask>? onMessage = null,
        Func<SipTransportOptions, SipTransportOptions>? configure = null,
        TimeProvider? time = null)
    {
        var harness = Create(onMessage, configure, time);
        await harness.Transport.StartAsync(CancellationToken.None);
        return harness;
    }

    public static TransportHarness Create(
        Func<SipInboundMessage, SipTransport, ValueTask>? onMessage = null,
        Func<SipTransportOptions, SipTransportOptions>? configure = null,
        TimeProvider? time = null)
    {
        var options = new SipTransportOptions { ListenAddress = "127.0.0.1", UdpPort = 0, TcpPort = 0, ShutdownTimeout = TimeSpan.FromSeconds(2) };
        return new TransportHarness(configure?.Invoke(options) ?? options, onMessage, time ?? TimeProvider.System);
    }

    /// <summary>A handler that answers every request 200 OK to its source.</summary>
    public static async ValueTask AnswerOk(SipInboundMessage message, SipTransport transport)
    {
        if (message.Message is SipRequest request && request.Method != SipMethod.Ack)
        {
            var response = SipResponseBuilder.ForRequest(request, 200, toTag: "srv").Build();
            await transport.SendAsync(response, message.Source, CancellationToken.None);
        }
    }

    public long Counter(string name, string? tag = null) =>
        _counters.TryGetValue(tag is null ? name : $"{name}|{tag}", out var value) ? value : 0;

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(SafetyTimeout);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        _listener.Dispose();
        await _services.DisposeAsync();
    }

    /// <summary>Records what the transport hands over and runs the test's reaction.</summary>
    internal sealed class RecordingHandler(TransportHarness harness, Func<SipInboundMessage, SipTransport, ValueTask>? onMessage) : ISipMessageHandler
    {
        private readonly Channel<SipInboundMessage> _received = Channel.CreateUnbounded<SipInboundMessage>();

        public int Count { get; private set; }

        public async ValueTask HandleAsync(SipInboundMessage message, CancellationToken cancellationToken)
        {
            lock (_received)
            {
                Count++;
            }

            _received.Writer.TryWrite(message);
            if (onMessage is not null)
            {
                await onMessage(message, harness.Transport);
            }
        }

        /// <summary>The next message whose Call-ID is <paramref name="callId"/>.</summary>
        public async Task<SipInboundMessage> NextAsync(string callId)
        {
            using var timeout = new CancellationTokenSource(SafetyTimeout);
            while (true)
            {
                var message = await _received.Reader.ReadAsync(timeout.Token);
                if (message.Message.CallId == callId)
                {
                    return message;
                }
            }
        }
    }
}

/// <summary>A UDP peer bound to 127.0.0.1.</summary>
internal sealed class UdpPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public UdpPeer()
    {
        _socket.ReceiveBufferSize = 1 << 20;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public Task SendAsync(string text, IPEndPoint to) => SendAsync(Encoding.UTF8.GetBytes(text), to);

    public async Task SendAsync(byte[] bytes, IPEndPoint to) => await _socket.SendToAsync(bytes, SocketFlags.None, to);

    /// <summary>The next datagram that parses as a response with <paramref name="callId"/>.</summary>
    public Task<SipResponse> ReceiveResponseAsync(string callId) => ReceiveResponseAsync(callId, TransportHarness.SafetyTimeout);

    /// <summary>The next datagram within <paramref name="within"/> that parses as a response with <paramref name="callId"/>.</summary>
    public async Task<SipResponse> ReceiveResponseAsync(string callId, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[65_536];
        while (true)
        {
            var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            if (SipParser.TryParse(buffer.AsSpan(0, result.ReceivedBytes), out var message, out _)
                && message is SipResponse response && response.CallId == callId)
            {
                return response;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>Builds the test messages.</summary>
internal static class Messages
{
    public static string Options(string callId, string via = "SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK-test;rport", string? extraHeaders = null) =>
        $"OPTIONS sip:service@127.0.0.1 SIP/2.0\r\n" +
        $"Via: {via}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=a1\r\n" +
        "To: <sip:service@127.0.0.1>\r\n" +
        $"Call-ID: {callId}\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        (extraHeaders ?? string.Empty) +
        "Content-Length: 0\r\n\r\n";

    public static string Response(string callId, string viaHost) =>
        "SIP/2.0 200 OK\r\n" +
        $"Via: SIP/2.0/UDP {viaHost}:5060;branch=z9hG4bK-out\r\n" +
        "From: <sip:service@127.0.0.1>;tag=s1\r\n" +
        "To: <sip:alice@example.com>;tag=a1\r\n" +
        $"Call-ID: {callId}\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Content-Length: 0\r\n\r\n";
}
