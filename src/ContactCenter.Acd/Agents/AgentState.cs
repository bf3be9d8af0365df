namespace ContactCenter.Acd.Agents;

/// <summary>An agent's effective state: the chosen state, the phone's registration and the agent's calls combined.</summary>
public enum AgentState
{
    /// <summary>Logged out.</summary>
    LoggedOut,

    /// <summary>Chose to be available, but no phone is registered: not offered calls.</summary>
    Unregistered,

    /// <summary>Free for the next call.</summary>
    Available,

    /// <summary>A call rings at the agent's phone.</summary>
    Ringing,

    /// <summary>On a call.</summary>
    OnCall,

    /// <summary>After-call work, for the configured wrap-up time.</summary>
    WrapUp,

    /// <summary>On a break.</summary>
    Break,

    /// <summary>Absent; a substitute takes the duties.</summary>
    Absent,
}
