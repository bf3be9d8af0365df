namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>Our side of RFC 4028: the session interval we ask for and the smallest we accept (both in seconds, 90 at least).</summary>
/// <param name="SessionExpires">The interval we offer and answer with when the peer asks for none or a longer one.</param>
/// <param name="MinSE">The smallest interval we accept; a timer-capable peer asking for less gets 422 with it.</param>
public readonly record struct SessionTimerPolicy(int SessionExpires, int MinSE);
