namespace ContactCenter.Crm.Model;

/// <summary>A list of outbound calls handed out by a department head.</summary>
public sealed class CallList
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>sleeping-clients, survey, informational, sales-cold, sales-warm (see <c>CallListRules.Purposes</c>).</summary>
    public required string Purpose { get; set; }

    public string? Instructions { get; set; }

    /// <summary>The head who gave the list and receives the results.</summary>
    public Guid? CreatedByStaffId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateOnly? DueDate { get; set; }

    /// <summary>The members of staff who work the list.</summary>
    public List<Guid> OperatorIds { get; set; } = [];

    /// <summary>Dial attempts per task before a task with no answer is given up.</summary>
    public int MaxAttempts { get; set; } = 3;

    public List<CallTask> Tasks { get; set; } = [];

    /// <summary>Survey questions asked on every call of the list (none for other purposes).</summary>
    public List<SurveyQuestion> Questions { get; set; } = [];

    /// <summary>The queue whose after-hours voicemails the list holds (made by the CRM, one per queue), or null for a head's list.</summary>
    public string? Queue { get; set; }
}
