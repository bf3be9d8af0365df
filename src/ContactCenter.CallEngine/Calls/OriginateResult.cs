namespace ContactCenter.CallEngine.Calls;

/// <summary>A call the service places: its id and how it went, or why it could not be placed.</summary>
/// <param name="CallId">The call, or null when it was not placed.</param>
/// <param name="Outcome">Completes when the parties are bridged or the call ended before.</param>
/// <param name="Refusal">Why the call was not placed, or null.</param>
public sealed record OriginateResult(Guid? CallId, Task<OriginateOutcome>? Outcome, string? Refusal);

/// <summary>How a placed call went.</summary>
public enum OriginateOutcome
{
    /// <summary>The agent and the client were bridged.</summary>
    Connected,

    /// <summary>The agent's phone did not answer: the client was never dialled.</summary>
    AgentMissed,

    /// <summary>The agent answered but the client did not (busy, no answer, rejected).</summary>
    ClientMissed,
}
