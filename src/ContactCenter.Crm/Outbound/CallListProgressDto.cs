namespace ContactCenter.Crm.Outbound;

/// <summary>How far a call list is, for the head who gave it: counts by status and result, and every task.</summary>
public sealed record CallListProgressDto(Guid Id, string Name, string Purpose, DateOnly? DueDate, int Total, int Pending, int InProgress,
    int Done, int Failed, IReadOnlyDictionary<string, int> Results, IReadOnlyList<CallTaskRowDto> Tasks);
