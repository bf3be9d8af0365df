namespace ContactCenter.Contracts.Calls;

/// <summary>
/// The engine refused an outbound call (issue #16, toll fraud): the number is not allowed by the dial plan, or the
/// extension reached its limit of calls at once or per hour. <c>Refusal</c> is <c>dial_plan</c>,
/// <c>concurrent_limit</c> or <c>hourly_limit</c>; <c>Purpose</c> is <c>softphone</c>, <c>click-to-call</c>,
/// <c>callback</c>, <c>call-list</c> or <c>dispatch</c>; <c>Extension</c> is null for calls the system places itself.
/// </summary>
public sealed record OutboundCallRefused(Guid EventId, string? Extension, string Number, string Purpose, string Refusal, string Reason,
    DateTimeOffset OccurredAt);
