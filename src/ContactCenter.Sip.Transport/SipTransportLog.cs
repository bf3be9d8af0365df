using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>Source-generated log messages of the transport layer.</summary>
internal static partial class SipTransportLog
{
    /// <summary>The logger category of full message traces (style guide §8).</summary>
    public const string TraceCategory = "ContactCenter.Sip.Trace";

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "SIP transport listening on {UdpEndPoint} and {TcpEndPoint}")]
    public static partial void Listening(this ILogger logger, SipEndPoint udpEndPoint, SipEndPoint tcpEndPoint);

    [LoggerMessage(EventId = 1817, Level = LogLevel.Information, Message = "SIP transport listening on {UdpEndPoint}, {TcpEndPoint} and {TlsEndPoint}")]
    public static partial void ListeningWithTls(this ILogger logger, SipEndPoint udpEndPoint, SipEndPoint tcpEndPoint, SipEndPoint tlsEndPoint);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "SIP transport stopped")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Information,
        Message = "Dropped {Protocol} data from {RemoteEndPoint} that does not parse: {Reason} (answered {StatusCode}; {Suppressed} more suppressed since the last line)")]
    public static partial void ParseFailed(this ILogger logger, SipTransportProtocol protocol, SipEndPoint remoteEndPoint, ContactCenter.Sip.Syntax.SipParseError reason, int statusCode, int suppressed);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Error, Message = "The {Protocol} receive loop on {LocalEndPoint} failed; it goes on")]
    public static partial void ReceiveLoopFailed(this ILogger logger, Exception exception, SipTransportProtocol protocol, SipEndPoint localEndPoint);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Error, Message = "The message handler failed on {Message} {CallId} from {RemoteEndPoint}")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string message, string callId, SipEndPoint remoteEndPoint);

    [LoggerMessage(EventId = 1806, Level = LogLevel.Warning,
        Message = "Dropped {Message} {CallId} from {RemoteEndPoint}: the dispatch queue is full ({Suppressed} more suppressed since the last line)")]
    public static partial void DispatchQueueFull(this ILogger logger, string message, string callId, SipEndPoint remoteEndPoint, int suppressed);

    [LoggerMessage(EventId = 1807, Level = LogLevel.Debug,
        Message = "Dropped response {StatusCode} {CallId} from {RemoteEndPoint}: top Via sent-by {SentBy} is not ours (RFC 3261 §18.1.2)")]
    public static partial void ResponseNotOurs(this ILogger logger, int statusCode, string callId, SipEndPoint remoteEndPoint, string sentBy);

    [LoggerMessage(EventId = 1818, Level = LogLevel.Debug,
        Message = "Dropped response {StatusCode} {CallId} from {RemoteEndPoint}: {Reason} (RFC 3261 §8.1.1.7, §19.3)")]
    public static partial void ResponseMalformed(this ILogger logger, int statusCode, string callId, SipEndPoint remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1808, Level = LogLevel.Warning, Message = "Refused connection with {RemoteEndPoint}: {Reason}")]
    public static partial void ConnectionRefused(this ILogger logger, SipEndPoint remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1809, Level = LogLevel.Debug, Message = "Connection with {RemoteEndPoint} opened ({Direction})")]
    public static partial void ConnectionOpened(this ILogger logger, SipEndPoint remoteEndPoint, string direction);

    [LoggerMessage(EventId = 1810, Level = LogLevel.Debug, Message = "Connection with {RemoteEndPoint} closed: {Reason}")]
    public static partial void ConnectionClosed(this ILogger logger, SipEndPoint remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1811, Level = LogLevel.Warning, Message = "Could not send {Message} {CallId} to {RemoteEndPoint}: {Reason}")]
    public static partial void SendFailed(this ILogger logger, string message, string callId, SipEndPoint remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1812, Level = LogLevel.Warning, Message = "Handlers did not finish within {Timeout} of the stop; they were cancelled")]
    public static partial void DispatchStopTimedOut(this ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 1813, Level = LogLevel.Trace, Message = "Received {Bytes} bytes from {RemoteEndPoint} on {LocalEndPoint}:\n{SipMessage}", SkipEnabledCheck = true)]
    public static partial void TraceReceived(this ILogger logger, int bytes, SipEndPoint remoteEndPoint, SipEndPoint localEndPoint, string sipMessage);

    [LoggerMessage(EventId = 1814, Level = LogLevel.Trace, Message = "Sent {Bytes} bytes to {RemoteEndPoint} from {LocalEndPoint}:\n{SipMessage}", SkipEnabledCheck = true)]
    public static partial void TraceSent(this ILogger logger, int bytes, SipEndPoint remoteEndPoint, SipEndPoint localEndPoint, string sipMessage);

    [LoggerMessage(EventId = 1815, Level = LogLevel.Debug, Message = "TLS handshake with {RemoteEndPoint} failed: {Reason}")]
    public static partial void TlsHandshakeFailed(this ILogger logger, SipEndPoint remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1816, Level = LogLevel.Warning, Message = "TLS connection to {RemoteEndPoint} refused: {Reason} (check Sip:Transport:Tls:TrustedCertificatesPath and PeerNames)")]
    public static partial void TlsPeerRejected(this ILogger logger, SipEndPoint remoteEndPoint, string reason);
}
