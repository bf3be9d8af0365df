namespace ContactCenter.Acd.Agents;

/// <summary>Keeps the states agents chose across restarts (the host plugs in the CRM database).</summary>
public interface IAgentStateStore
{
    /// <summary>Every saved choice.</summary>
    Task<IReadOnlyList<SavedAgentState>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Saves one agent's choice (replacing the previous one).</summary>
    Task SaveAsync(SavedAgentState state, CancellationToken cancellationToken);
}

/// <summary>A state an agent chose, as saved.</summary>
public sealed record SavedAgentState(string Extension, AgentChosenState State, string? Reason, string? Substitute, string SetBy, DateTimeOffset SetAt);
