namespace ContactCenter.Sessions;

/// <summary>A leg is over: why, whether the peer ended it, and a short human-readable detail for the call log.</summary>
/// <param name="Cause">Why the leg ended.</param>
/// <param name="ByPeer">True when the peer ended it (hung up, declined, went away); false when we did.</param>
/// <param name="Detail">What happened, e.g. "486 Busy Here" or "no ACK for the answer"; for logs, never parsed.</param>
public sealed record LegEnded(LegEndCause Cause, bool ByPeer, string Detail)
{
    /// <summary>
    /// True when the way to the target failed rather than the target (the trunk answered a server error or 408, or did
    /// not answer at all): another trunk may still reach the number. A busy, declined or unknown number is final.
    /// </summary>
    public bool RouteFailed { get; init; }
}
