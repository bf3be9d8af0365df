using ContactCenter.Contracts.Calls;

namespace ContactCenter.Crm.Model;

/// <summary>One record per call: who, when, how it was routed and how it ended.</summary>
public sealed class CallRecord
{
    /// <summary>The call engine's call id.</summary>
    public Guid Id { get; set; }

    public CallDirection Direction { get; set; }

    public string CallerNumber { get; set; } = "";

    public string? CallerE164 { get; set; }

    public string DialedNumber { get; set; } = "";

    public Guid? ClientId { get; set; }

    /// <summary>The trunk that carried the call (a carrier's call came in on it, or a call we placed went out through it), or null.</summary>
    public string? Trunk { get; set; }

    public string? RuleName { get; set; }

    /// <summary>The router's explanation: rule matched, targets tried, why each was skipped.</summary>
    public string? RoutingTrace { get; set; }

    public string? MenuChoice { get; set; }

    public string? QueueName { get; set; }

    public DateTimeOffset? ReceivedAt { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The extension that answered (the last one after transfers).</summary>
    public string? AnsweredBy { get; set; }

    public CallEndedBy? EndedBy { get; set; }

    public string? EndReason { get; set; }

    /// <summary>Answered, abandoned, failed, ... derived from the events.</summary>
    public string? Outcome { get; set; }

    public string? RecordingPath { get; set; }

    /// <summary>Why the call's recording is partial or missing (a full disk), from its RecordingAvailable; null when whole or none was made.</summary>
    public string? RecordingProblem { get; set; }

    /// <summary>The longest problem text kept (an exception's message can be long).</summary>
    public const int MaxRecordingProblemLength = 500;

    public int TransferCount { get; set; }

    /// <summary>Longest disposition code.</summary>
    public const int MaxDispositionLength = 40;

    /// <summary>Longest note an agent may add to a disposition.</summary>
    public const int MaxDispositionNoteLength = 500;

    /// <summary>What the agent recorded about the call in wrap-up (a code of <c>Crm:Dispositions:Choices</c>), or null.</summary>
    public string? Disposition { get; set; }

    /// <summary>The agent's short note with the disposition.</summary>
    public string? DispositionNote { get; set; }

    /// <summary>The user who set the disposition.</summary>
    public string? DispositionBy { get; set; }

    /// <summary>When the disposition was set.</summary>
    public DateTimeOffset? DispositionAt { get; set; }

    /// <summary>Highest event sequence applied to the summary fields.</summary>
    public int LastSequence { get; set; }

    public List<CallTimelineEntry> Timeline { get; set; } = [];
}
