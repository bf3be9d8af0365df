namespace ContactCenter.Crm.Model;

/// <summary>The state an agent chose last (available, logged out, break, absent), kept across restarts for the ACD.</summary>
public sealed class AgentStateChoice
{
    /// <summary>The agent's extension.</summary>
    public required string Extension { get; set; }

    /// <summary>The ACD's state name, e.g. <c>Break</c>.</summary>
    public required string State { get; set; }

    public string? Reason { get; set; }

    /// <summary>Who takes over while absent.</summary>
    public string? Substitute { get; set; }

    /// <summary>Who set it: the agent, an admin, or <c>acd</c> (automatic break).</summary>
    public required string SetBy { get; set; }

    public DateTimeOffset SetAt { get; set; }
}
