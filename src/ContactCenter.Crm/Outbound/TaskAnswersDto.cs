namespace ContactCenter.Crm.Outbound;

/// <summary>The answers recorded on one task, by question number.</summary>
public sealed record TaskAnswersDto(Guid TaskId, string? Client, string Phone, IReadOnlyDictionary<string, string> Answers);
