using ContactCenter.CallEngine.Dialing;
using ContactCenter.Crm.Dialing;

namespace ContactCenter.Host.Calls;

/// <summary>Plugs the CRM's in-memory do-not-call numbers into the engine's outbound gate.</summary>
internal sealed class CrmDoNotCallCheck(DoNotCallNumbers numbers) : IDoNotCallCheck
{
    public bool IsDoNotCall(string e164) => numbers.Contains(e164);
}
