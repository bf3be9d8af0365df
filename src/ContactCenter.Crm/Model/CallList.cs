namespace ContactCenter.Crm.Model;

/// <summary>A list of outbound calls handed out by a department head.</summary>
public sealed class CallList
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Sleeping clients, survey, sales, cold, warm, informational, dispatch.</summary>
    public required string Purpose { get; set; }

    public string? Instructions { get; set; }

    /// <summary>The head who gave the list and receives the results.</summary>
    public Guid? CreatedByStaffId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateOnly? DueDate { get; set; }

    public List<CallTask> Tasks { get; set; } = [];
}
