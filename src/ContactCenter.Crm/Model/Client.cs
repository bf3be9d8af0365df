namespace ContactCenter.Crm.Model;

/// <summary>A company that buys from the distributor.</summary>
public sealed class Client
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public Guid ClientTypeId { get; set; }

    public ClientType? ClientType { get; set; }

    /// <summary>The manager who owns this client; none for new callers.</summary>
    public Guid? AssignedManagerId { get; set; }

    public Staff? AssignedManager { get; set; }

    /// <summary>The price-list column (discount level) the client buys at, 1-based.</summary>
    public int PriceColumn { get; set; } = 1;

    public decimal CreditLimit { get; set; }

    public ClientStatus Status { get; set; } = ClientStatus.Active;

    public DateTimeOffset? LastOrderAt { get; set; }

    /// <summary>The client asked not to be called: no outbound call may be placed to it.</summary>
    public bool DoNotCall { get; set; }

    public string? Email { get; set; }

    public string? Notes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The client's id in the company's accounting system (imports are keyed by it); null for clients made here.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The client's people authorized to receive goods (DOMAIN: agree who receives, pays and signs).</summary>
    public List<string> Receivers { get; set; } = [];

    public List<ClientPhone> Phones { get; set; } = [];

    public List<Receivable> Receivables { get; set; } = [];
}
