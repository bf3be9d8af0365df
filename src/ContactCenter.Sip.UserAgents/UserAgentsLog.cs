using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents;

/// <summary>Source-generated log messages of the user-agent layer.</summary>
internal static partial class UserAgentsLog
{
    // The next three lines are what deploy/fail2ban/filter.d/contactcenter-sip.conf matches: keep "address <IP> user <name>
    // method <METHOD>" in this order (user and method are made printable tokens before they are logged).
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "SIP authentication blocked: address {RemoteAddress} user {User} method {Method} for {BlockFor} after {Failures} failures")]
    public static partial void SourceBlocked(this ILogger logger, IPAddress remoteAddress, string user, string method, TimeSpan blockFor, int failures);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "SIP authentication failed: address {RemoteAddress} user {User} method {Method}")]
    public static partial void AuthenticationFailed(this ILogger logger, IPAddress remoteAddress, string user, string method);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning,
        Message = "SIP extension blocked: user {User} for {BlockFor} after {Failures} failures (last from address {RemoteAddress} method {Method}); its known phones still get in")]
    public static partial void ExtensionBlocked(this ILogger logger, string user, IPAddress remoteAddress, string method, TimeSpan blockFor, int failures);

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

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "INVITE {SipCallId} from {RemoteEndPoint} to {DialedNumber} refused with {StatusCode}: {Reason}")]
    public static partial void InviteRefused(this ILogger logger, string sipCallId, IPEndPoint remoteEndPoint, string dialedNumber, int statusCode, string reason);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Session {SipCallId}: sending {What} failed")]
    public static partial void SessionSendFailed(this ILogger logger, Exception exception, string sipCallId, string what);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Error, Message = "INVITE {SipCallId}: the call engine failed to take the call; the caller gets 500")]
    public static partial void OfferHandlerFailed(this ILogger logger, Exception exception, string sipCallId);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Session {SipCallId}: no media adapter for the contact at {Destination} (no free media port); that branch is not rung")]
    public static partial void BranchMediaUnavailable(this ILogger logger, string sipCallId, string destination);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Admission control refused {Refused} new INVITE(s) with 503 since the last report; the latest from {RemoteEndPoint}: {Verdict}")]
    public static partial void InvitesNotAdmitted(this ILogger logger, int refused, IPEndPoint remoteEndPoint, Admission.AdmissionVerdict verdict);
}
