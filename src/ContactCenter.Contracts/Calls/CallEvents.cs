namespace ContactCenter.Contracts.Calls;

// Every call event carries EventId (idempotency across redelivery), CallId (one record per call),
// Sequence (the call's own order of events, for tolerance of reordering) and OccurredAt (the
// sender's clock). Parties are extensions (agents) and E.164 numbers (clients), never SIP URIs.

/// <summary>A call arrived at the service (inbound) or was placed by it (outbound).</summary>
public sealed record CallReceived(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt,
    CallDirection Direction, string CallerNumber, string DialedNumber, string? CallerNumberE164)
{
    /// <summary>The trunk a carrier's call came in on (issue #17), or null.</summary>
    public string? Trunk { get; init; }

    /// <summary>The trunk's number (DID) the carrier called, when it mapped to <see cref="DialedNumber"/> or an extension; else null.</summary>
    public string? Did { get; init; }
}

/// <summary>The router identified the caller and chose a rule.</summary>
public sealed record CallClassified(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt,
    Guid? ClientId, string? ClientType, string RuleName, string? MenuChoice, string RoutingTrace);

/// <summary>The call waits in a queue.</summary>
public sealed record CallQueued(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt,
    string QueueName, int Position);

/// <summary>The call rings at an agent's phone.</summary>
public sealed record CallOffered(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt,
    string AgentExtension);

/// <summary>An offered agent did not take the call, and why (busy, declined, no-answer, unregistered).</summary>
public sealed record CallOfferFailed(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt,
    string AgentExtension, string Reason);

/// <summary>An agent answered; the parties are bridged.</summary>
public sealed record CallAnswered(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt,
    string AgentExtension, string CallerNumber)
{
    /// <summary>The trunk that carried the outside party's leg of a call we placed (issue #17), or null.</summary>
    public string? Trunk { get; init; }
}

/// <summary>One side put the call on hold.</summary>
public sealed record CallHeld(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt, string HeldBy);

/// <summary>The held call was resumed.</summary>
public sealed record CallResumed(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt, string ResumedBy);

/// <summary>The call was transferred from one agent to another target.</summary>
public sealed record CallTransferred(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt,
    TransferKind Kind, string FromExtension, string ToTarget, string? Reason);

/// <summary>A recording of the call is complete and stored - or, when <see cref="Problem"/> says so, partial or missing.</summary>
public sealed record RecordingAvailable(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt,
    string Path, TimeSpan Duration)
{
    /// <summary>Why the recording is not whole (a write failed on a full disk, the volume was nearly full), or null when it is.</summary>
    public string? Problem { get; init; }

    /// <summary>What is at <see cref="Path"/>: the whole call, the call up to a failed write, or nothing.</summary>
    public RecordingFileState File { get; init; } = RecordingFileState.Complete;
}

/// <summary>The call is over.</summary>
public sealed record CallEnded(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt,
    CallEndedBy EndedBy, string Reason);
