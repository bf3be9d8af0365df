namespace ContactCenter.Sessions;

/// <summary>A key the peer pressed, signalled in the session rather than in the media (an event).</summary>
/// <param name="Digit">0-9, *, #, A-D.</param>
/// <param name="Duration">How long the key was held.</param>
public sealed record LegDtmf(char Digit, TimeSpan Duration);
