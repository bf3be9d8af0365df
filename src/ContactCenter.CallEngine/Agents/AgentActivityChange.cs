namespace ContactCenter.CallEngine.Agents;

/// <summary>What happened to one of an agent's call slots.</summary>
public enum AgentActivityKind
{
    /// <summary>A slot was taken: the phone rings (or the agent places a call).</summary>
    Reserved,

    /// <summary>The agent answered a ringing call.</summary>
    Answered,

    /// <summary>A slot was given back without a conversation (offer failed, caller left).</summary>
    Released,

    /// <summary>An answered call ended.</summary>
    CallEnded,
}

/// <summary>One change of an agent's calls.</summary>
/// <param name="Extension">The agent's extension.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Failure">Why an offer was not taken (busy, declined, no answer, ...); null otherwise.</param>
public sealed record AgentActivityChange(string Extension, AgentActivityKind Kind, string? Failure);
