using ContactCenter.Crm.Clients;

namespace ContactCenter.Crm.Outbound;

/// <summary>The operator's next call, shown before dialling: the list, the number and the client's card.</summary>
public sealed record CallTaskPreviewDto(Guid TaskId, Guid CallListId, string CallListName, string Purpose, string? Instructions,
    string Phone, int Attempts, int MaxAttempts, string? LastResult, string? Notes, ClientCardDto? Client, IReadOnlyList<SurveyQuestionDto> Questions)
{
    /// <summary>The message the caller left, for a voicemail task (issue #18); else null.</summary>
    public VoicemailDto? Voicemail { get; init; }
}

/// <summary>A caller's after-hours message: its call, length, when it was left and where its recording plays.</summary>
/// <param name="CallId">The call the message was left on (the recording's id).</param>
/// <param name="Seconds">Its length.</param>
/// <param name="LeftAt">When the recording was stored.</param>
/// <param name="Audio">The recordings endpoint that plays it (role and ownership checked there).</param>
public sealed record VoicemailDto(Guid CallId, double Seconds, DateTimeOffset LeftAt, string Audio);
