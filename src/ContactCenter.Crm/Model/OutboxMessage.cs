namespace ContactCenter.Crm.Model;

/// <summary>An event written in the same transaction as the change it reports, published later.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>Database-assigned, strictly increasing: the order messages are published in.</summary>
    public long Sequence { get; set; }

    /// <summary>Full name of a contract type in ContactCenter.Contracts.</summary>
    public required string MessageType { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
