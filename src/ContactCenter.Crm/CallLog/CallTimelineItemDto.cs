using System.Text.Json;

namespace ContactCenter.Crm.CallLog;

/// <summary>One event of a call, as the engine published it.</summary>
internal sealed record CallTimelineItemDto(int Sequence, string Type, DateTimeOffset OccurredAt, JsonElement Data);
