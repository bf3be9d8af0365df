namespace ContactCenter.Crm.Dialing;

/// <summary>
/// Places outbound calls for the CRM (call lists, dispatch) through the call engine; the host plugs in the adapter,
/// so the CRM never depends on the engine.
/// </summary>
public interface IOutboundDialer
{
    /// <summary>
    /// Rings <paramref name="agentExtension"/>'s phone, then dials <paramref name="numberE164"/> and bridges them;
    /// <paramref name="purpose"/> names the call on its record (<c>call-list</c>, <c>dispatch</c>).
    /// </summary>
    DialAttempt Dial(string agentExtension, string numberE164, string purpose);
}
