namespace ContactCenter.Crm.Model;

/// <summary>Money a client owes for a shipped invoice.</summary>
public sealed class Receivable
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public required string DocumentNumber { get; set; }

    /// <summary>What is still unpaid.</summary>
    public decimal Outstanding { get; set; }

    public DateOnly DueDate { get; set; }

    /// <summary>The invoice's id in the accounting system (imports are keyed by it); null for receivables entered here.</summary>
    public string? ExternalId { get; set; }

    /// <summary>When the receivable was paid in full (its <see cref="Outstanding"/> is then zero); null while unpaid.</summary>
    public DateOnly? PaidOn { get; set; }
}
