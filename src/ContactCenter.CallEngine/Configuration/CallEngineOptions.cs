namespace ContactCenter.CallEngine.Configuration;

/// <summary>
/// The call-handling part of <c>sip-config/sip.json</c> (section <c>Sip</c>): the trunk, the service numbers and
/// recording; the call settings themselves are <see cref="CallOptions"/> (<c>Sip:Calls</c>, checked at start).
/// Other keys of the section belong to the SIP layers and are ignored here.
/// </summary>
public sealed class CallEngineOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sip";

    /// <summary>The carrier trunk, or null when the installation has none (internal calls only).</summary>
    public TrunkOptions? Trunk { get; set; }

    /// <summary>Numbers callers dial, by number.</summary>
    public Dictionary<string, ServiceNumberOptions> ServiceNumbers { get; set; } = [];

    /// <summary>Call recording.</summary>
    public RecordingOptions Recording { get; set; } = new();
}
