namespace ContactCenter.Crm.Outbound;

/// <summary>A survey question: its text, its kind (yes-no, choice, text, scale) and, for a choice, the choices.</summary>
public sealed record SurveyQuestionRequest(string? Text, string? Kind, List<string>? Choices);
