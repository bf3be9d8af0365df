using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents;

/// <summary>Source-generated log messages of the user-agent layer.</summary>
internal static partial class UserAgentsLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Blocking {RemoteEndPoint} for {BlockFor} after {Failures} failed authentications")]
    public static partial void SourceBlocked(this ILogger logger, IPAddress remoteEndPoint, int failures, TimeSpan blockFor);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Unblocked {RemoteEndPoint}")]
    public static partial void SourceUnblocked(this ILogger logger, IPAddress remoteEndPoint);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug,
        Message = "REGISTER {CallId} from {RemoteEndPoint} not authenticated: {Outcome}")]
    public static partial void RegisterNotAuthenticated(this ILogger logger, string callId, IPAddress remoteEndPoint, DigestVerificationStatus outcome);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "REGISTER {CallId} from {RemoteEndPoint} answered {StatusCode}")]
    public static partial void RegisterAnswered(this ILogger logger, string callId, IPAddress remoteEndPoint, int statusCode);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information,
        Message = "Extension {Extension} bound {Contact} from {RemoteEndPoint} until {ExpiresAt}")]
    public static partial void BindingRegistered(this ILogger logger, string extension, SipUri contact, SipEndPointInfo remoteEndPoint, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Extension {Extension} removed {Contact}")]
    public static partial void BindingUnregistered(this ILogger logger, string extension, SipUri contact);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Extension {Extension} binding {Contact} expired")]
    public static partial void BindingExpired(this ILogger logger, string extension, SipUri contact);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "A location service event handler failed for extension {Extension}")]
    public static partial void BindingHandlerFailed(this ILogger logger, Exception exception, string extension);
}
