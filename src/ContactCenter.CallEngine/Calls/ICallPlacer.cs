namespace ContactCenter.CallEngine.Calls;

/// <summary>Places calls for agents (click-to-call, queued callbacks); the call manager does it.</summary>
public interface ICallPlacer
{
    /// <summary>
    /// Rings <paramref name="agent"/>'s phone, then dials <paramref name="number"/> through the trunk and bridges them;
    /// <paramref name="purpose"/> is the rule name on the call record (e.g. <c>click-to-call</c>, <c>callback</c>).
    /// </summary>
    OriginateResult Originate(string agent, string number, string? purpose);
}
