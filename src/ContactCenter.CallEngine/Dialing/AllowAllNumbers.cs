namespace ContactCenter.CallEngine.Dialing;

/// <summary>The default <see cref="IDoNotCallCheck"/> when no list is plugged in: every number may be called.</summary>
internal sealed class AllowAllNumbers : IDoNotCallCheck
{
    public bool IsDoNotCall(string e164) => false;
}
