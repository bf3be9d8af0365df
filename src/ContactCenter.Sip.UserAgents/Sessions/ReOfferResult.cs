namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>How a peer's re-INVITE or UPDATE was answered: accepted or not, and whether its offer put the call on hold (null: no media change).</summary>
public readonly record struct ReOfferResult(bool Accepted, bool? PeerHolds);
