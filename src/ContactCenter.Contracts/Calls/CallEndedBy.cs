namespace ContactCenter.Contracts.Calls;

/// <summary>Who ended a call.</summary>
public enum CallEndedBy
{
    /// <summary>The client (or the far end of an outbound call) hung up.</summary>
    Caller,

    /// <summary>The agent hung up.</summary>
    Agent,

    /// <summary>The service ended it (timeout, no agent, closed hours, shutdown).</summary>
    System,
}
