using ContactCenter.Media.Relay;

namespace ContactCenter.CallEngine.Calls;

/// <summary>Where a supervisor joins a live call: its media bridge, which side of it is the agent, and the agent.</summary>
internal sealed record SupervisionPoint(MediaBridge Bridge, MediaLegSide AgentSide, string? Agent);
