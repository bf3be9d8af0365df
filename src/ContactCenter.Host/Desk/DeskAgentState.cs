namespace ContactCenter.Host.Desk;

/// <summary>An agent's effective state changed (as in <c>GET /api/agents</c>).</summary>
/// <param name="Extension">The agent.</param>
/// <param name="State">The effective state: available, ringing, on-call, wrap-up, break, absent, logged-out, unregistered.</param>
/// <param name="Reason">The break or absence reason, when there is one.</param>
/// <param name="At">When it changed.</param>
public sealed record DeskAgentState(string Extension, string State, string? Reason, DateTimeOffset At);
