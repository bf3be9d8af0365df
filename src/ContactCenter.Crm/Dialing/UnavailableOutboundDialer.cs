namespace ContactCenter.Crm.Dialing;

/// <summary>The dialer of a process without a call engine: every call is refused.</summary>
internal sealed class UnavailableOutboundDialer : IOutboundDialer
{
    public DialAttempt Dial(string agentExtension, string numberE164, string purpose) =>
        new(null, "no call engine runs in this process", null);
}
