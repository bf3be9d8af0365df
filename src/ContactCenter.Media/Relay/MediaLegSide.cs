namespace ContactCenter.Media.Relay;

/// <summary>One of the two legs of a <see cref="MediaBridge"/>.</summary>
public enum MediaLegSide
{
    /// <summary>Leg A (by convention the caller).</summary>
    A,

    /// <summary>Leg B (by convention the callee or agent).</summary>
    B,
}
