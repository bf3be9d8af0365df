namespace ContactCenter.Crm.CallLog;

/// <summary>One call in the call log: who, when, how long, how it ended, whether it was recorded (and why the recording is partial or missing).</summary>
internal sealed record CallListItemDto(
    Guid Id,
    string Direction,
    string CallerNumber,
    string? CallerE164,
    string DialedNumber,
    Guid? ClientId,
    string? ClientName,
    string? RuleName,
    string? QueueName,
    string? MenuChoice,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    double? WaitSeconds,
    double? TalkSeconds,
    string? AnsweredBy,
    string? EndedBy,
    string? EndReason,
    string? Outcome,
    int TransferCount,
    bool HasRecording,
    string? RecordingProblem,
    string? Disposition,
    string? DispositionNote);
