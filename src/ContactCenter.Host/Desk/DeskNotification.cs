namespace ContactCenter.Host.Desk;

/// <summary>A notification pushed to a desk as it is stored (the same one <c>GET /api/notifications</c> lists).</summary>
/// <param name="Id">The notification (<c>POST /api/notifications/{id}/read</c> marks it read).</param>
/// <param name="Kind"><c>client-to-assign</c>, <c>client-assigned</c>, <c>feedback</c>, <c>order-accepted</c>.</param>
/// <param name="Text">What to show.</param>
/// <param name="Personal">True when addressed to the user, false when to a department.</param>
/// <param name="Department">The department's code, when addressed to one.</param>
/// <param name="SubjectType">What it is about: client, feedback, order.</param>
/// <param name="SubjectId">Which one.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record DeskNotification(Guid Id, string Kind, string Text, bool Personal, string? Department, string SubjectType, Guid SubjectId,
    DateTimeOffset CreatedAt);
