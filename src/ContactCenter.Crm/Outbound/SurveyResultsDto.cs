namespace ContactCenter.Crm.Outbound;

/// <summary>A survey's answers: per question (aggregated) and per task.</summary>
public sealed record SurveyResultsDto(Guid CallListId, string Name, int TasksAnswered, IReadOnlyList<QuestionResultDto> Questions,
    IReadOnlyList<TaskAnswersDto> Tasks);
