using ContactCenter.Contracts.Calls;
using ContactCenter.CallEngine.Media;
using ContactCenter.Sessions;
using Microsoft.Extensions.Logging;

namespace ContactCenter.CallEngine;

/// <summary>The engine's structured log lines.</summary>
internal static partial class CallEngineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} received: {Direction} from {CallerNumber} to {DialedNumber} (leg {LegId})")]
    public static partial void CallReceived(this ILogger logger, Guid callId, CallDirection direction, string callerNumber, string dialedNumber, string legId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call on leg {LegId} from {CallerNumber} to {DialedNumber} refused: {Cause}")]
    public static partial void CallRefused(this ILogger logger, string legId, string callerNumber, string dialedNumber, LegEndCause cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} routed by {RuleName}: {Targets} ({Trace})")]
    public static partial void Routed(this ILogger logger, Guid callId, string ruleName, string targets, string trace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: the caller asked to be called back instead of waiting in {QueueName}")]
    public static partial void CallbackRequested(this ILogger logger, Guid callId, string queueName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} waits in queue {QueueName} at position {Position}")]
    public static partial void Queued(this ILogger logger, Guid callId, string queueName, int position);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} offered to {AgentId} ({Contacts} contacts)")]
    public static partial void Offered(this ILogger logger, Guid callId, string agentId, int contacts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} not taken by {AgentId}: {Reason}")]
    public static partial void OfferFailed(this ILogger logger, Guid callId, string agentId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} answered by {AgentId}")]
    public static partial void Answered(this ILogger logger, Guid callId, string agentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ended by {EndedBy}: {Reason}")]
    public static partial void Ended(this ILogger logger, Guid callId, CallEndedBy endedBy, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Call {CallId} media: caller sent {CallerPackets} packets, callee got {ToCallee}; callee sent {CalleePackets}, caller got {ToCaller}; lost {CallerLost}/{CalleeLost}; rejected {CallerRejected}/{CalleeRejected}; {CallerProfile}/{CalleeProfile}")]
    private static partial void MediaSummary(this ILogger logger, Guid callId, long callerPackets, long toCallee, long calleePackets, long toCaller,
        long callerLost, long calleeLost, long callerRejected, long calleeRejected, string callerProfile, string calleeProfile);

    /// <summary>
    /// Logs what the relay carried each way between <paramref name="caller"/> and <paramref name="callee"/>: packets, losses,
    /// packets refused on receipt (on an SRTP leg: every one that failed authentication) and each leg's profile (RTP or SRTP).
    /// </summary>
    public static void MediaSummary(this ILogger logger, Guid callId, LegMedia caller, LegMedia callee)
    {
        var (from, to) = (caller.Endpoint.Statistics, callee.Endpoint.Statistics);
        logger.MediaSummary(callId, from.PacketsReceived, to.PacketsSent, to.PacketsReceived, from.PacketsSent, from.PacketsLost, to.PacketsLost,
            from.PacketsRejected, to.PacketsRejected, caller.IsSrtp ? "SRTP" : "RTP", callee.IsSrtp ? "SRTP" : "RTP");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: {Party} {Action}")]
    public static partial void HoldChanged(this ILogger logger, Guid callId, string party, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: the caller pressed {Digit} in the voice menu ({Purpose})")]
    public static partial void MenuChosen(this ILogger logger, Guid callId, char digit, string purpose);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: key {Digit} is not in the voice menu; playing it again")]
    public static partial void MenuKeyUnknown(this ILogger logger, Guid callId, char digit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: voice menu without a choice: {Reason}")]
    public static partial void MenuSkipped(this ILogger logger, Guid callId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: {AgentId} transfers it to {Target} ({Kind})")]
    public static partial void TransferStarted(this ILogger logger, Guid callId, string agentId, string target, TransferKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} transferred from {AgentId} to {Target}")]
    public static partial void Transferred(this ILogger logger, Guid callId, string agentId, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: transfer to {Target} failed: {Reason}")]
    public static partial void TransferFailed(this ILogger logger, Guid callId, string target, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: recording failed ({File}): {Problem}")]
    public static partial void RecordingIncomplete(this ILogger logger, Guid callId, RecordingFileState file, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The recordings volume is full: {FreeMegabytes} MiB free under {Directory} "
        + "(Sip:Recording:MinFreeMegabytes is {MinFreeMegabytes}); calls go on, unrecorded or recorded in part, until space is freed")]
    public static partial void RecordingVolumeFull(this ILogger logger, long? freeMegabytes, string directory, long minFreeMegabytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "The recordings volume has room again: {FreeMegabytes} MiB free under {Directory}; calls are recorded whole")]
    public static partial void RecordingVolumeHasRoom(this ILogger logger, long? freeMegabytes, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: end-of-call step '{Step}' failed; the other steps went on")]
    public static partial void EndStepFailed(this ILogger logger, Exception exception, Guid callId, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId} failed in the engine")]
    public static partial void CallFailed(this ILogger logger, Exception exception, Guid callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: sending {Method} failed")]
    public static partial void SendFailed(this ILogger logger, Exception exception, Guid callId, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call on leg {LegId}: trunk {Trunk}'s number {Did} goes to {Target}")]
    public static partial void DidMapped(this ILogger logger, string legId, string trunk, string did, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: trunk {Trunk} failed to reach {Number} ({Reason}); trying trunk {Next}")]
    public static partial void TrunkFailedOver(this ILogger logger, Guid callId, string trunk, string number, string reason, string next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: queue {Queue} is closed; the caller leaves a message")]
    public static partial void VoicemailStarted(this ILogger logger, Guid callId, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: voicemail for queue {Queue} kept ({Seconds:F1} s) in {Path}")]
    public static partial void VoicemailKept(this ILogger logger, Guid callId, string queue, double seconds, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: voicemail for queue {Queue} discarded ({Seconds:F1} s, {Voiced:F1} s of speech)")]
    public static partial void VoicemailDiscarded(this ILogger logger, Guid callId, string queue, double seconds, double voiced);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: the voicemail cannot be recorded")]
    public static partial void VoicemailFailed(this ILogger logger, Exception exception, Guid callId);
}
