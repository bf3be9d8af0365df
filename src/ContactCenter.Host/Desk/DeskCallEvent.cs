namespace ContactCenter.Host.Desk;

/// <summary>What a desk is told about a call on its user's phone.</summary>
/// <param name="Kind"><c>ringing</c>, <c>answered</c>, <c>transferred</c> or <c>ended</c>.</param>
/// <param name="CallId">The call (the same id as in <c>/api/live-calls</c> and the call log).</param>
/// <param name="Extension">The extension whose phone it is.</param>
/// <param name="CallerNumber">The client's number (E.164 when it could be read), or null when unknown.</param>
/// <param name="Direction"><c>Inbound</c> or <c>Outbound</c> (click-to-call, callback), when known.</param>
/// <param name="ClientId">The client the ACD identified, when known.</param>
/// <param name="TransferredBy">For a transferred call: the extension that passed it on.</param>
/// <param name="Reason">Why it was transferred, or how it ended.</param>
/// <param name="At">When it happened (the engine's clock).</param>
public sealed record DeskCallEvent(string Kind, Guid CallId, string Extension, string? CallerNumber, string? Direction, Guid? ClientId,
    string? TransferredBy, string? Reason, DateTimeOffset At);
