using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>Source-generated log messages of the dialog layer.</summary>
internal static partial class DialogsLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Dialog {DialogId} created as {Role}")]
    public static partial void DialogCreated(this ILogger logger, SipDialogId dialogId, string role);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Dialog {DialogId} ended: {Reason}")]
    public static partial void DialogTerminated(this ILogger logger, SipDialogId dialogId, DialogTerminationReason reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug,
        Message = "{Method} in {CallId} from {RemoteEndPoint} answered {StatusCode}: no such dialog")]
    public static partial void NoSuchDialog(this ILogger logger, string method, string callId, SipEndPoint remoteEndPoint, int statusCode);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "{Method} in dialog {DialogId} answered {StatusCode}")]
    public static partial void RequestRefused(this ILogger logger, string method, SipDialogId dialogId, int statusCode);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "No ACK for the 2xx in dialog {DialogId} after {Waited}; sending BYE")]
    public static partial void AckTimedOut(this ILogger logger, SipDialogId dialogId, TimeSpan waited);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Debug, Message = "ACK in {CallId} from {RemoteEndPoint} matches no dialog; dropped")]
    public static partial void AckUnmatched(this ILogger logger, string callId, SipEndPoint remoteEndPoint);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "Dialog work for {DialogId} failed")]
    public static partial void DialogWorkFailed(this ILogger logger, Exception exception, SipDialogId dialogId);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Warning, Message = "A dialog handler failed for {DialogId}")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, SipDialogId dialogId);
}
