namespace ContactCenter.Crm.Notifications;

/// <summary>A notification as the signed-in user sees it; <c>Department</c> is set when it was addressed to a department.</summary>
internal sealed record NotificationDto(Guid Id, DateTimeOffset CreatedAt, string Kind, string Text, bool Personal, string? Department,
    string SubjectType, Guid SubjectId, bool Read);
