namespace ContactCenter.Crm.Outbound;

/// <summary>A survey question as operators and heads see it; answers name it by <paramref name="Number"/>.</summary>
public sealed record SurveyQuestionDto(int Number, string Text, string Kind, IReadOnlyList<string> Choices);
