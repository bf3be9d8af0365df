namespace ContactCenter.Crm.Outbound;

/// <summary>A call list as the API shows it.</summary>
public sealed record CallListDto(Guid Id, string Name, string Purpose, string? Instructions, DateOnly? DueDate, string? Head,
    IReadOnlyList<string> Operators, int MaxAttempts, int Tasks, IReadOnlyList<SurveyQuestionDto> Questions, DateTimeOffset CreatedAt);
