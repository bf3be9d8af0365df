using System.Diagnostics.Metrics;
using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transport;

/// <summary>The project's one <see cref="Meter"/> (<c>ContactCenter.Sip.Transport</c>) and its instruments.</summary>
public sealed class SipTransportMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "ContactCenter.Sip.Transport";

    /// <summary>Tag: <c>udp</c> or <c>tcp</c>.</summary>
    public const string ProtocolTag = "network.transport";

    /// <summary>Tag: the request method (unknown methods as <c>other</c>).</summary>
    public const string MethodTag = "sip.method";

    /// <summary>Tag: the response status class, <c>1xx</c> to <c>6xx</c>.</summary>
    public const string StatusClassTag = "sip.status_class";

    /// <summary>Tag: why a message failed, was dropped or a connection refused.</summary>
    public const string ReasonTag = "reason";

    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx", "6xx"];

    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _sendFailures;
    private readonly Counter<long> _parseFailures;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _handlerFailures;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _bytesSent;
    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _connectionsRefused;
    private readonly Counter<long> _connectionsClosed;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public SipTransportMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>("contactcenter.sip.transport.messages_received", "{message}", "Messages received and parsed, by method or status class and protocol.");
        _sent = meter.CreateCounter<long>("contactcenter.sip.transport.messages_sent", "{message}", "Messages sent, by method or status class and protocol.");
        _sendFailures = meter.CreateCounter<long>("contactcenter.sip.transport.send_failures", "{message}", "Messages that could not be sent.");
        _parseFailures = meter.CreateCounter<long>("contactcenter.sip.transport.parse_failures", "{message}", "Inbound data that did not parse or frame, by reason.");
        _dropped = meter.CreateCounter<long>("contactcenter.sip.transport.dropped", "{message}", "Parsed inbound messages dropped, by reason.");
        _handlerFailures = meter.CreateCounter<long>("contactcenter.sip.transport.handler_failures", "{message}", "Messages whose handler threw.");
        _bytesReceived = meter.CreateCounter<long>("contactcenter.sip.transport.bytes_received", "By", "Bytes received, by protocol.");
        _bytesSent = meter.CreateCounter<long>("contactcenter.sip.transport.bytes_sent", "By", "Bytes sent, by protocol.");
        _connections = meter.CreateUpDownCounter<long>("contactcenter.sip.transport.connections", "{connection}", "Open TCP and TLS connections.");
        _connectionsRefused = meter.CreateCounter<long>("contactcenter.sip.transport.connections_refused", "{connection}", "TCP connections refused by limit, by reason.");
        _connectionsClosed = meter.CreateCounter<long>("contactcenter.sip.transport.connections_closed", "{connection}", "TCP connections closed, by reason.");
    }

    internal void MessageReceived(SipMessage message, SipTransportProtocol protocol, int bytes)
    {
        _received.Add(1, Tag(protocol), MessageTag(message));
        _bytesReceived.Add(bytes, Tag(protocol));
    }

    internal void BytesReceived(SipTransportProtocol protocol, int bytes) => _bytesReceived.Add(bytes, Tag(protocol));

    internal void MessageSent(SipMessage message, SipTransportProtocol protocol, int bytes)
    {
        _sent.Add(1, Tag(protocol), MessageTag(message));
        _bytesSent.Add(bytes, Tag(protocol));
    }

    internal void BytesSent(SipTransportProtocol protocol, int bytes) => _bytesSent.Add(bytes, Tag(protocol));

    internal void SendFailed(SipTransportProtocol protocol, string reason) => _sendFailures.Add(1, Tag(protocol), Reason(reason));

    internal void ParseFailed(SipTransportProtocol protocol, string reason) => _parseFailures.Add(1, Tag(protocol), Reason(reason));

    internal void Dropped(SipTransportProtocol protocol, string reason) => _dropped.Add(1, Tag(protocol), Reason(reason));

    internal void HandlerFailed() => _handlerFailures.Add(1);

    internal void ConnectionOpened() => _connections.Add(1);

    internal void ConnectionClosed(string reason)
    {
        _connections.Add(-1);
        _connectionsClosed.Add(1, Reason(reason));
    }

    internal void ConnectionRefused(string reason) => _connectionsRefused.Add(1, Reason(reason));

    private static KeyValuePair<string, object?> Tag(SipTransportProtocol protocol) =>
        new(ProtocolTag, protocol switch
        {
            SipTransportProtocol.Tcp => "tcp",
            SipTransportProtocol.Tls => "tls",
            SipTransportProtocol.Ws => "ws",
            SipTransportProtocol.Wss => "wss",
            _ => "udp",
        });

    private static KeyValuePair<string, object?> Reason(string reason) => new(ReasonTag, reason);

    private static KeyValuePair<string, object?> MessageTag(SipMessage message) => message switch
    {
        // Unknown methods are one tag value: a peer must not be able to grow the metric's cardinality.
        SipRequest request => new(MethodTag, request.Method.IsKnown ? request.Method.Name : "other"),
        SipResponse response => new(StatusClassTag, StatusClasses[Math.Clamp(response.StatusCode / 100, 1, 6) - 1]),
        _ => new(MethodTag, "other"),
    };
}
