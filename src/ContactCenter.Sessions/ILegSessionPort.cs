namespace ContactCenter.Sessions;

/// <summary>
/// The session port: how the call engine starts legs and learns of arriving calls, in call terms. The SIP session layer
/// (ContactCenter.Sip.UserAgents) implements it; the engine uses it; the host composes the two. Nothing SIP crosses it.
/// </summary>
public interface ILegSessionPort
{
    /// <summary>Starts an outbound leg: rings <see cref="LegOffer.Target"/>; what follows arrives at <paramref name="events"/>.</summary>
    /// <returns>The leg, at once (ringing, answer or failure follow as events).</returns>
    ILegSession Offer(LegOffer offer, ILegEvents events);

    /// <summary>
    /// Sets who takes arriving calls. <paramref name="onOffered"/> gets each new call and returns the sink for the
    /// leg's events; until it has answered or rung, the session layer keeps the caller informed (100 Trying).
    /// </summary>
    void Accept(Func<ILegSession, LegOffered, ILegEvents> onOffered);
}
