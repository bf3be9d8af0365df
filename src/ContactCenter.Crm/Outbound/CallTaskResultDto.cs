namespace ContactCenter.Crm.Outbound;

/// <summary>A recorded result: where the task stands now and, in progressive mode, the next call placed.</summary>
public sealed record CallTaskResultDto(Guid TaskId, string Status, string Result, int Attempts, DateTimeOffset? NextAttemptAt,
    DialStartedDto? Next, string? NextRefusal);
