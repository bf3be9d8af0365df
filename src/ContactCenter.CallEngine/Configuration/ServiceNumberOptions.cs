using System.ComponentModel.DataAnnotations;

namespace ContactCenter.CallEngine.Configuration;

/// <summary>What happens when a service number is dialled (section <c>Sip:ServiceNumbers:NUMBER</c>).</summary>
public sealed class ServiceNumberOptions
{
    /// <summary><c>Route</c> (straight to routing) or <c>VoiceMenu</c> (menu first).</summary>
    [Required]
    public string Mode { get; set; } = "Route";

    /// <summary>Whether calls to this number are recorded; null follows <c>Sip:Recording:Enabled</c>.</summary>
    public bool? Record { get; set; }

    /// <summary>
    /// An announcement (e.g. <c>greeting</c>) the caller hears as early media on arrival, while the first agent's phone
    /// already rings; ringback follows it. Null for ringback at once.
    /// </summary>
    public string? Greeting { get; set; }

    /// <summary>Voice menu: digit to purpose (order, reference, other).</summary>
    public Dictionary<string, string> Menu { get; set; } = [];

    /// <summary>Voice menu: how long to wait for a digit.</summary>
    public TimeSpan MenuTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Voice menu: how often to repeat the prompt before routing without a choice.</summary>
    [Range(0, 10)]
    public int MenuRepeats { get; set; } = 2;
}
