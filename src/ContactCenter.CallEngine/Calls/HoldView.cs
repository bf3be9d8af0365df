using ContactCenter.CallEngine.Media;

namespace ContactCenter.CallEngine.Calls;

/// <summary>One party's side of a call as its media offers see it: its media (null when the leg is not the party's current one), the other's, its name.</summary>
internal sealed record HoldView(LegMedia? Own, LegMedia? Other, string Who);
