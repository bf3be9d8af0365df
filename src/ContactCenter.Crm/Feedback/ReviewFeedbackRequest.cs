namespace ContactCenter.Crm.Feedback;

/// <summary>A department head's review: whether a complaint was justified, whether it is resolved, and how.</summary>
internal sealed record ReviewFeedbackRequest(bool? Justified, bool? Resolved, string? Resolution);
