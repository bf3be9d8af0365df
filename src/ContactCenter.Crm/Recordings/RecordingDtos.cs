namespace ContactCenter.Crm.Recordings;

/// <summary>A recording as the recordings page lists it: the call's parties, agent, queue, client, disposition and orders.</summary>
public sealed record RecordingDto(Guid CallId, DateTimeOffset RecordedAt, double DurationSeconds, string Direction, string CallerNumber,
    string DialedNumber, Guid? ClientId, string? ClientName, string? Agent, string? AgentName, string? Queue, string? Disposition,
    IReadOnlyList<long> OrderNumbers, bool Deleted, int Plays, int Downloads);

/// <summary>A page of recordings, newest first.</summary>
public sealed record RecordingPageDto(IReadOnlyList<RecordingDto> Items, int Page, int PageSize, int Total);

/// <summary>One play or download: who, what, when.</summary>
public sealed record RecordingAccessDto(string UserName, string Action, DateTimeOffset At);

/// <summary>A recording with everyone who played or downloaded it, newest first, and whether the reader may download it.</summary>
public sealed record RecordingDetailDto(RecordingDto Recording, bool CanDownload, IReadOnlyList<RecordingAccessDto> Access);

/// <summary>The recordings search (all optional): recorded from/to, client (name part or id), agent extension, queue, disposition, order number.</summary>
public sealed record RecordingQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Client = null, Guid? ClientId = null,
    string? Agent = null, string? Queue = null, string? Disposition = null, long? OrderNumber = null);
