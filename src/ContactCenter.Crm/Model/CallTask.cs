namespace ContactCenter.Crm.Model;

/// <summary>One call to make from a call list, and its result.</summary>
public sealed class CallTask
{
    public Guid Id { get; set; }

    public Guid CallListId { get; set; }

    public Guid? ClientId { get; set; }

    public required string PhoneE164 { get; set; }

    public Guid? AssignedStaffId { get; set; }

    public CallTaskStatus Status { get; set; } = CallTaskStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public Guid? LastCallId { get; set; }

    public string? Result { get; set; }

    public string? Notes { get; set; }
}
