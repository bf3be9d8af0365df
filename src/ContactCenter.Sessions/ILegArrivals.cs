namespace ContactCenter.Sessions;

/// <summary>
/// The inbound half of the session port: how the call engine learns of arriving calls, in call terms. The SIP session
/// layer's server side implements it; the host composes it with the engine.
/// </summary>
public interface ILegArrivals
{
    /// <summary>
    /// Sets who takes arriving calls. <paramref name="onOffered"/> gets each new call and returns the sink for the
    /// leg's events; until it has answered, rung or rejected the leg, the session layer keeps the caller informed
    /// (100 Trying). Before it is set, arriving calls are refused as unavailable.
    /// </summary>
    void Accept(Func<ILegSession, LegOffered, ILegEvents> onOffered);
}
