namespace ContactCenter.Crm.Model;

/// <summary>A delivery whose consignee the dispatcher phones about the arrival time.</summary>
public sealed class Delivery
{
    public Guid Id { get; set; }

    /// <summary>The order delivered, when known.</summary>
    public Guid? OrderId { get; set; }

    /// <summary>The client receiving the goods, when known (from the order or the consignee's number).</summary>
    public Guid? ClientId { get; set; }

    public required string ConsigneeName { get; set; }

    /// <summary>The consignee's numbers in E.164, the first tried first.</summary>
    public List<string> Phones { get; set; } = [];

    public DateOnly PlannedDate { get; set; }

    /// <summary>The planned arrival window, e.g. <c>09:00-12:00</c>.</summary>
    public required string Window { get; set; }

    public DeliveryStatus Status { get; set; } = DeliveryStatus.Planned;

    public int Attempts { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public Guid? LastCallId { get; set; }

    public string? OutcomeNotes { get; set; }

    public DateTimeOffset? OutcomeAt { get; set; }

    /// <summary>Who recorded the outcome (a user name, or <c>system</c> for the schedule).</summary>
    public string? OutcomeBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}
