namespace ContactCenter.Contracts.Calls;

/// <summary>
/// A caller who reached a queue outside its business hours left a message (issue #18): the CRM makes it a task for the
/// queue, due when the queue opens next. Published once per call, after the recording is complete on disk (the call's
/// <see cref="RecordingAvailable"/> names the same file); messages of silence or under the minimum length are not published.
/// </summary>
/// <param name="EventId">The event's id (idempotency across redelivery).</param>
/// <param name="CallId">The call the message was left on.</param>
/// <param name="Sequence">The call's own order of events.</param>
/// <param name="OccurredAt">When the message ended (the sender's clock).</param>
/// <param name="CallerNumber">The calling number as it arrived.</param>
/// <param name="CallerNumberE164">The calling number normalized to E.164, or null when it could not be.</param>
/// <param name="ClientId">The client the router identified, or null.</param>
/// <param name="QueueName">The queue that was closed.</param>
/// <param name="RecordingPath">The message's WAV file.</param>
/// <param name="Duration">The message's length.</param>
/// <param name="QueueOpensAt">When the queue opens next (from its business hours), or null when it never opens.</param>
public sealed record VoicemailLeft(Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt, string CallerNumber, string? CallerNumberE164,
    Guid? ClientId, string QueueName, string RecordingPath, TimeSpan Duration, DateTimeOffset? QueueOpensAt)
{
    /// <summary>The queue's members (extensions) when the message was left: who may call the client back.</summary>
    public IReadOnlyList<string> QueueMembers { get; init; } = [];
}
