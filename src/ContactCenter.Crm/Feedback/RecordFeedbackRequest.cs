namespace ContactCenter.Crm.Feedback;

/// <summary>A complaint or wish taken on a call: <c>Kind</c> is <c>complaint</c> or <c>wish</c>, <c>Category</c> one of the configured ones.</summary>
internal sealed record RecordFeedbackRequest(Guid? ClientId, Guid? CallId, string? Kind, string? Category, string? Text);
