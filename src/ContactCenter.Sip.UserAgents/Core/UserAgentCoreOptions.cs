namespace ContactCenter.Sip.UserAgents.Core;

/// <summary>What the user-agent core says about itself.</summary>
public sealed class UserAgentCoreOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Sip:UserAgent";

    /// <summary>Value of the Server header (empty: none, which tells an attacker less).</summary>
    public string Server { get; set; } = "ContactCenter";
}
