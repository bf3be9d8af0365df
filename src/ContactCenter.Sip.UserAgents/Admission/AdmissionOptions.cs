using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Sip.UserAgents.Admission;

/// <summary>
/// Admission control for new calls (issue #15, section <c>Sip:Admission</c>): beyond these a new INVITE is answered 503
/// Service Unavailable with Retry-After before anything is leased for it, so the calls already admitted keep their
/// quality. Zero switches a limit off.
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sip:Admission";

    /// <summary>Calls in progress (ringing, queued, talking, placed) beyond which a new INVITE is refused.</summary>
    [Range(0, 1_000_000)]
    public int MaxConcurrentCalls { get; set; } = 1_000;

    /// <summary>New INVITEs per second from all sources together (a one-second burst is allowed).</summary>
    [Range(0, 1_000_000)]
    public int MaxInvitesPerSecond { get; set; } = 1_500;

    /// <summary>New INVITEs per second from one source (an IPv4 address or an IPv6 /64); the carrier trunk is not counted here.</summary>
    [Range(0, 1_000_000)]
    public int MaxInvitesPerSecondPerSource { get; set; } = 20;

    /// <summary>The seconds a refused caller is asked to wait (Retry-After).</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Sources tracked at once for the per-source rate (older ones are forgotten first; a spoofed flood cannot grow memory).</summary>
    [Range(16, 10_000_000)]
    public int MaxTrackedSources { get; set; } = 100_000;
}
