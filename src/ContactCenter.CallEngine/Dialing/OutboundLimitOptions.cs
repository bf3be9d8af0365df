using System.ComponentModel.DataAnnotations;

namespace ContactCenter.CallEngine.Dialing;

/// <summary>
/// How many outbound calls one extension may place (section <c>Sip:Calls:Outbound</c>): toll fraud through a stolen
/// softphone password places many long calls at once. Refusals are logged, counted and published.
/// </summary>
public sealed class OutboundLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sip:Calls:Outbound";

    /// <summary>Outbound calls one extension may have at once (softphone, click-to-call, call lists, callbacks together).</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentPerExtension { get; set; } = 5;

    /// <summary>Outbound calls one extension may start within any hour.</summary>
    [Range(1, 100_000)]
    public int MaxPerHourPerExtension { get; set; } = 60;

    /// <summary>Other limits for some extensions (a dispatcher's notification calls), by extension.</summary>
    public Dictionary<string, OutboundLimit> PerExtension { get; set; } = [];
}

/// <summary>The limits of one extension.</summary>
public sealed class OutboundLimit
{
    /// <summary>Calls at once.</summary>
    [Range(1, 1_000)]
    public int MaxConcurrent { get; set; } = 5;

    /// <summary>Calls started within any hour.</summary>
    [Range(1, 100_000)]
    public int MaxPerHour { get; set; } = 60;
}
