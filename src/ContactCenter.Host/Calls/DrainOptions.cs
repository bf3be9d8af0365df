using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Host.Calls;

/// <summary>How a graceful stop (SIGTERM, <c>systemctl stop</c>) drains the calls.</summary>
public sealed class DrainOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Drain";

    /// <summary>
    /// How long live calls may go on after a stop was asked (new INVITEs get 503 with Retry-After meanwhile); the calls
    /// still up then get BYE. Zero ends them at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Drain:Timeout must be between 0 and 1 hour.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Retry-After (seconds) in the 503 a new call gets while draining.</summary>
    [Range(0, 3600, ErrorMessage = "Drain:RetryAfterSeconds must be between 0 and 3600.")]
    public int RetryAfterSeconds { get; set; } = 30;
}
