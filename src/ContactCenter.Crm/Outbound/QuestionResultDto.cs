namespace ContactCenter.Crm.Outbound;

/// <summary>
/// The answers to one question: how many, counts per answer (yes/no, choices, 1-5), the average of a scale,
/// and the texts of a free-text question.
/// </summary>
public sealed record QuestionResultDto(int Number, string Text, string Kind, int Answers, IReadOnlyDictionary<string, int> Counts,
    double? Average, IReadOnlyList<string> Texts);
