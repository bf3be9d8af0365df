namespace ContactCenter.Crm.Model;

/// <summary>One call to make from a call list, and its result.</summary>
public sealed class CallTask
{
    public Guid Id { get; set; }

    public Guid CallListId { get; set; }

    /// <summary>Order of the task in its list (1-based).</summary>
    public int Position { get; set; }

    public Guid? ClientId { get; set; }

    public required string PhoneE164 { get; set; }

    /// <summary>The operator working the task (kept for a call-back the client asked for).</summary>
    public Guid? AssignedStaffId { get; set; }

    public CallTaskStatus Status { get; set; } = CallTaskStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>Not to be dialled before this time (retry delay, or the time the client asked to be called back).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public Guid? LastCallId { get; set; }

    /// <summary>The result of the last call.</summary>
    public CallResult? Result { get; set; }

    public string? Notes { get; set; }

    /// <summary>When the task was settled (done or failed).</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    public List<SurveyAnswer> Answers { get; set; } = [];

    /// <summary>The call on which the client left the voicemail this task answers (a voicemail list's task), or null.</summary>
    public Guid? VoicemailCallId { get; set; }
}
