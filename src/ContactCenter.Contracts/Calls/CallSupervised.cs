namespace ContactCenter.Contracts.Calls;

/// <summary>
/// A supervisor's part in a live call changed (issue #19): <paramref name="Change"/> is <c>ringing</c> (the supervisor's
/// phone rings), <c>started</c> (answered: listening, whispering or barged in), <c>changed</c> (another mode) or
/// <c>ended</c>.
/// </summary>
/// <param name="EventId">The event's id.</param>
/// <param name="CallId">The supervised call.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Supervisor">The supervisor's extension.</param>
/// <param name="Agent">The agent on the call.</param>
/// <param name="Mode"><c>Listen</c>, <c>Whisper</c> or <c>Barge</c>.</param>
/// <param name="Change"><c>ringing</c>, <c>started</c>, <c>changed</c> or <c>ended</c>.</param>
public sealed record CallSupervised(Guid EventId, Guid CallId, DateTimeOffset OccurredAt, string Supervisor, string? Agent, string Mode, string Change);
