using ContactCenter.Crm.Clients;

namespace ContactCenter.Crm.Outbound;

/// <summary>The operator's next call, shown before dialling: the list, the number and the client's card.</summary>
public sealed record CallTaskPreviewDto(Guid TaskId, Guid CallListId, string CallListName, string Purpose, string? Instructions,
    string Phone, int Attempts, int MaxAttempts, string? LastResult, string? Notes, ClientCardDto? Client, IReadOnlyList<SurveyQuestionDto> Questions);
