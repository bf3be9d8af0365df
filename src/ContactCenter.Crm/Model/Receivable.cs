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
}
