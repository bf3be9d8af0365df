using System.Text.Json;

namespace ContactCenter.Crm.CallLog;

/// <summary>A call with its routing trace (why it went where it went), recording, every event in order and the e-mails sent from it.</summary>
internal sealed record CallDetailDto(
    CallListItemDto Summary,
    JsonElement? RoutingTrace,
    string? RecordingPath,
    IReadOnlyList<CallTimelineItemDto> Timeline,
    IReadOnlyList<CallEmailDto> Emails);

/// <summary>An e-mail to the client asked for during the call (documents, order confirmation) and where it is.</summary>
internal sealed record CallEmailDto(Guid Id, string To, string Subject, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);
