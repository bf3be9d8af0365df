namespace ContactCenter.Media.Dtmf;

/// <summary>One DTMF key press received as RFC 4733 events.</summary>
/// <param name="Digit">0-9, *, #, A-D, or ! for flash.</param>
/// <param name="RtpTimestamp">The RTP timestamp of the event (its start).</param>
/// <param name="Duration">How long the key was held, as reported by the sender.</param>
/// <param name="Volume">The power level as -dBm0.</param>
/// <param name="EndSeen">False when the event was closed because the next one began before any end packet arrived.</param>
public sealed record DtmfEvent(char Digit, uint RtpTimestamp, TimeSpan Duration, byte Volume, bool EndSeen = true);
