using ContactCenter.CallEngine.Calls;
using ContactCenter.Crm.Dialing;

namespace ContactCenter.Host.Calls;

/// <summary>The CRM's outbound dialer (call lists, dispatch) on the call engine's click-to-call: the agent's phone first, then the number.</summary>
public sealed class CallEngineOutboundDialer(ICallPlacer placer) : IOutboundDialer
{
    /// <inheritdoc />
    public DialAttempt Dial(string agentExtension, string numberE164, string purpose)
    {
        var placed = placer.Originate(agentExtension, numberE164, purpose);
        return new DialAttempt(placed.CallId, placed.Refusal, placed.Outcome is null ? null : MapAsync(placed.Outcome));
    }

    private static async Task<DialOutcome> MapAsync(Task<OriginateOutcome> outcome) =>
        await outcome.ConfigureAwait(false) switch
        {
            OriginateOutcome.Connected => DialOutcome.Connected,
            OriginateOutcome.AgentMissed => DialOutcome.AgentMissed,
            _ => DialOutcome.ClientMissed,
        };
}
