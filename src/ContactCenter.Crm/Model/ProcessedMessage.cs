namespace ContactCenter.Crm.Model;

/// <summary>A bus message a consumer has already handled (idempotency on redelivery).</summary>
public sealed class ProcessedMessage
{
    public required string Consumer { get; set; }

    public Guid MessageId { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
