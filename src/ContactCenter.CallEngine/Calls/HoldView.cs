using ContactCenter.CallEngine.Media;
using ContactCenter.Media.Relay;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>One party's side of a call as re-INVITEs see it; <paramref name="Timer"/> is its leg's session timer (null before the answer).</summary>
internal sealed record HoldView(LegMedia? Own, LegMedia? Other, MediaBridge? Bridge, string Who, LegSessionTimer? Timer = null);
