namespace ContactCenter.Acd.Agents;

/// <summary>What the ACD knows of one agent now.</summary>
/// <param name="Extension">The agent's extension.</param>
/// <param name="State">The effective state.</param>
/// <param name="Chosen">The state the agent chose.</param>
/// <param name="Reason">The break or absence reason, or what the state waits for (e.g. the end of wrap-up).</param>
/// <param name="Substitute">Who takes the duties while the agent is absent, or null.</param>
/// <param name="Registered">The phone is registered.</param>
/// <param name="Ringing">Calls ringing at the phone.</param>
/// <param name="OnCalls">Calls the agent is on.</param>
/// <param name="IdleSince">When the last call ended, or null when none since start.</param>
/// <param name="AnsweredCalls">Calls answered since start (for the fewest-calls strategy).</param>
public sealed record AgentStatus(string Extension, AgentState State, AgentChosenState Chosen, string? Reason, string? Substitute,
    bool Registered, int Ringing, int OnCalls, DateTimeOffset? IdleSince, int AnsweredCalls)
{
    /// <summary>The state's name as the API and events spell it (kebab case, e.g. <c>wrap-up</c>).</summary>
    public string StateName => Name(State);

    /// <summary>The chosen state's name as the API spells it (kebab case, e.g. <c>logged-out</c>, <c>wrap-up</c>).</summary>
    public string ChosenName => Chosen switch
    {
        AgentChosenState.LoggedOut => "logged-out",
        AgentChosenState.Available => "available",
        AgentChosenState.Break => "break",
        AgentChosenState.Absent => "absent",
        _ => "wrap-up",
    };

    /// <summary>The kebab-case name of <paramref name="state"/>.</summary>
    public static string Name(AgentState state) => state switch
    {
        AgentState.LoggedOut => "logged-out",
        AgentState.Unregistered => "unregistered",
        AgentState.Available => "available",
        AgentState.Ringing => "ringing",
        AgentState.OnCall => "on-call",
        AgentState.WrapUp => "wrap-up",
        AgentState.Break => "break",
        _ => "absent",
    };
}
