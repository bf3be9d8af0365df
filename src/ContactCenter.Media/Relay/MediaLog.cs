using System.Net;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Media.Relay;

/// <summary>Source-generated log messages of the media relay.</summary>
internal static partial class MediaLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Media endpoint {LocalEndPoint} latched onto {RemoteEndPoint} (SDP said {SdpEndPoint})")]
    public static partial void Latched(this ILogger logger, IPEndPoint localEndPoint, IPEndPoint remoteEndPoint, IPEndPoint? sdpEndPoint);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Media endpoint {LocalEndPoint} re-latched from {PreviousEndPoint} to {RemoteEndPoint} after a gap")]
    public static partial void Relatched(this ILogger logger, IPEndPoint localEndPoint, IPEndPoint previousEndPoint, IPEndPoint remoteEndPoint);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Handling a media packet on {LocalEndPoint} failed; the receive loop goes on")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, IPEndPoint localEndPoint);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Receiving on {LocalEndPoint} failed ({SocketError}); the receive loop goes on")]
    public static partial void ReceiveFailed(this ILogger logger, IPEndPoint localEndPoint, System.Net.Sockets.SocketError socketError);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "No RTP on bridge {LocalEndPointA}/{LocalEndPointB} for {Timeout}")]
    public static partial void SilenceTimedOut(this ILogger logger, IPEndPoint localEndPointA, IPEndPoint localEndPointB, TimeSpan timeout);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Sending from {LocalEndPoint} to {RemoteEndPoint} failed ({SocketError})")]
    public static partial void SendFailed(this ILogger logger, IPEndPoint localEndPoint, IPEndPoint? remoteEndPoint, System.Net.Sockets.SocketError socketError);
}
