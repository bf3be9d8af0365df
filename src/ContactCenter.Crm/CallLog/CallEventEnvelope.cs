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
}
