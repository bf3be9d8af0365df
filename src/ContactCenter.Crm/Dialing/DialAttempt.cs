namespace ContactCenter.Crm.Dialing;

/// <summary>A call the dialer placed (its id and how it went), or why it could not be placed.</summary>
/// <param name="CallId">The call, or null when it was not placed.</param>
/// <param name="Refusal">Why the call was not placed, or null.</param>
/// <param name="Outcome">Completes once the parties are bridged or the call ended before; null when not placed.</param>
public sealed record DialAttempt(Guid? CallId, string? Refusal, Task<DialOutcome>? Outcome);

/// <summary>How a placed call went.</summary>
public enum DialOutcome
{
    /// <summary>The agent and the number called were bridged.</summary>
    Connected,

    /// <summary>The agent's phone did not answer: the number was never dialled.</summary>
    AgentMissed,

    /// <summary>The agent answered but the number called did not (busy, no answer, rejected).</summary>
    ClientMissed,
}
