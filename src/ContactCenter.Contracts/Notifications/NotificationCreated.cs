namespace ContactCenter.Contracts.Notifications;

/// <summary>
/// A notification was stored for a member of staff (<c>RecipientExtension</c>) or a whole department
/// (<c>DepartmentCode</c>); the web desktop pushes it to the people it concerns. <c>Kind</c> is e.g.
/// <c>client-to-assign</c>, <c>feedback</c>, <c>order-accepted</c>, <c>client-assigned</c>; <c>SubjectType</c> and
/// <c>SubjectId</c> name what it is about (client, feedback, order).
/// </summary>
public sealed record NotificationCreated(Guid EventId, Guid NotificationId, string Kind, string Text, string? RecipientExtension,
    string? DepartmentCode, string SubjectType, Guid SubjectId, DateTimeOffset OccurredAt);
