namespace ContactCenter.Contracts.Feedback;

/// <summary>
/// A client's complaint or wish was recorded (usually during a call) and passed to the interested department.
/// <c>Kind</c> is <c>complaint</c> or <c>wish</c>; <c>DepartmentCode</c> is null when no department matched.
/// </summary>
public sealed record FeedbackReceived(Guid EventId, Guid FeedbackId, Guid ClientId, Guid? CallId, string Kind, string Category,
    string? DepartmentCode, string Text, string RecordedBy, DateTimeOffset OccurredAt);
