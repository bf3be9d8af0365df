using ContactCenter.Contracts.Calls;

namespace ContactCenter.Crm.CallLog;

/// <summary>One call event with the fields every call event carries, as the call log stores it.</summary>
/// <param name="Event">The contract record (<c>CallReceived</c>, <c>CallEnded</c>, ...).</param>
/// <param name="EventId">Idempotency key: a redelivered event has the same id.</param>
/// <param name="CallId">The call the event belongs to.</param>
/// <param name="Sequence">The call's own order of events.</param>
/// <param name="OccurredAt">The sender's clock.</param>
internal sealed record CallEventEnvelope(object Event, Guid EventId, Guid CallId, int Sequence, DateTimeOffset OccurredAt)
{
    /// <summary>The timeline type name (the contract's type name).</summary>
    public string Type => Event.GetType().Name;

    /// <summary>Wraps a call event the call log takes (<see cref="CallEventTypes"/>); null for any other message.</summary>
    public static CallEventEnvelope? For(object message) => message switch
    {
        CallReceived m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        CallClassified m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        CallQueued m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        CallOffered m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        CallOfferFailed m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        CallAnswered m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        CallHeld m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        CallResumed m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        CallTransferred m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        RecordingAvailable m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        CallEnded m => new(m, m.EventId, m.CallId, m.Sequence, m.OccurredAt),
        _ => null,
    };
}
