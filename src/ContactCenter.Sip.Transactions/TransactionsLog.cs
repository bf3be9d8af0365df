using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transactions;

/// <summary>Source-generated log messages of the transaction layer.</summary>
internal static partial class TransactionsLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "{Kind} transaction {Branch} {Method} {CallId} created with {RemoteEndPoint}")]
    public static partial void TransactionCreated(this ILogger logger, SipTransactionKind kind, string branch, string method, string callId, SipEndPoint remoteEndPoint);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "{Kind} transaction {Branch} {Method} {CallId} terminated ({Error})")]
    public static partial void TransactionTerminated(this ILogger logger, SipTransactionKind kind, string branch, string method, string callId, SipTransactionError error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "{Kind} transaction {Branch} {Method} {CallId} timed out ({Timer})")]
    public static partial void TransactionTimedOut(this ILogger logger, SipTransactionKind kind, string branch, string method, string callId, string timer);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "{Kind} transaction {Branch} {Method} {CallId} could not send to {RemoteEndPoint}")]
    public static partial void TransportFailed(this ILogger logger, Exception? exception, SipTransactionKind kind, string branch, string method, string callId, SipEndPoint remoteEndPoint);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Dropped stray {StatusCode} response {Branch} {Method} {CallId} from {RemoteEndPoint}")]
    public static partial void StrayResponseDropped(this ILogger logger, int statusCode, string branch, string method, string callId, SipEndPoint remoteEndPoint);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "CANCEL {Branch} {CallId} from {RemoteEndPoint} matches no INVITE; answered {StatusCode}")]
    public static partial void CancelUnmatched(this ILogger logger, string branch, string callId, SipEndPoint remoteEndPoint, int statusCode);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "The TU failed on {Method} {Branch} {CallId}")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string method, string branch, string callId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "Request {Method} {Branch} {CallId} from {RemoteEndPoint} has no branch; matched by RFC 2543 rules")]
    public static partial void LegacyMatching(this ILogger logger, string method, string branch, string callId, SipEndPoint remoteEndPoint);
}
