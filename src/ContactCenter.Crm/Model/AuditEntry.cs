namespace ContactCenter.Crm.Model;

/// <summary>Who saw or changed what, and when (trade secrets are kept by role and audited).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string UserName { get; set; }

    /// <summary>e.g. <c>read</c>, <c>create</c>, <c>update</c>, <c>delete</c>, <c>sign-in</c>.</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    public string? Details { get; set; }
}
