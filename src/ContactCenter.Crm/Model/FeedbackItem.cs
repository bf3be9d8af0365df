namespace ContactCenter.Crm.Model;

/// <summary>A complaint or wish of a client, passed at once to the interested department.</summary>
public sealed class FeedbackItem
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public Guid? CallId { get; set; }

    public FeedbackKind Kind { get; set; }

    public required string Category { get; set; }

    public required string Text { get; set; }

    public Guid? DepartmentId { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set by the department after review: was the complaint justified.</summary>
    public bool? Justified { get; set; }

    /// <summary>Who reviewed it last (justified or not, resolved).</summary>
    public string? ReviewedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>What the department did about it.</summary>
    public string? Resolution { get; set; }
}
