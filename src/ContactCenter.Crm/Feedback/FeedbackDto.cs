namespace ContactCenter.Crm.Feedback;

/// <summary>A complaint or wish as the API shows it; <c>Status</c> is <c>open</c> or <c>resolved</c>.</summary>
internal sealed record FeedbackDto(Guid Id, Guid ClientId, string ClientName, Guid? CallId, string Kind, string Category, string Text,
    string? Department, string CreatedBy, DateTimeOffset CreatedAt, bool? Justified, string Status, DateTimeOffset? ResolvedAt,
    string? ReviewedBy, string? Resolution);
