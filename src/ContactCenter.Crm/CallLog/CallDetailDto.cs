using System.Text.Json;

namespace ContactCenter.Crm.CallLog;

/// <summary>
/// A call with its routing trace (why it went where it went), recording, every event in order, the e-mails sent from it
/// and who supervised it (listen, whisper, barge: each start, mode change and stop, from the audit log).
/// </summary>
internal sealed record CallDetailDto(
    CallListItemDto Summary,
    JsonElement? RoutingTrace,
    string? RecordingPath,
    IReadOnlyList<CallTimelineItemDto> Timeline,
    IReadOnlyList<CallEmailDto> Emails,
    IReadOnlyList<CallSupervisionDto> Supervision);

/// <summary>A supervisor's step on the call: <c>supervise</c>, <c>supervise-mode</c> or <c>supervise-stop</c>, with its details.</summary>
internal sealed record CallSupervisionDto(string UserName, string Action, string? Details, DateTimeOffset At);

/// <summary>An e-mail to the client asked for during the call (documents, order confirmation) and where it is.</summary>
internal sealed record CallEmailDto(Guid Id, string To, string Subject, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);
