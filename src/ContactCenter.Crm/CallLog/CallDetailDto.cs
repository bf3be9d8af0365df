using System.Text.Json;

namespace ContactCenter.Crm.CallLog;

/// <summary>A call with its routing trace (why it went where it went), recording and every event in order.</summary>
internal sealed record CallDetailDto(
    CallListItemDto Summary,
    JsonElement? RoutingTrace,
    string? RecordingPath,
    IReadOnlyList<CallTimelineItemDto> Timeline);
