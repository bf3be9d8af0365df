using System.ComponentModel.DataAnnotations;
using ContactCenter.Acd.Agents;

namespace ContactCenter.Acd.Configuration;

/// <summary>The ACD's settings (section <c>Acd</c>).</summary>
public sealed class AcdOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Acd";

    /// <summary>How often clients, staff and departments are re-read from the CRM (the router keeps the last good copy meanwhile).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Acd:DirectoryRefresh must be from 1 s to 1 h.")]
    public TimeSpan DirectoryRefresh { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After-call work: an agent is not offered calls for this long after a call ends (0 for none).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00", ErrorMessage = "Acd:WrapUp must be from 0 to 30 min.")]
    public TimeSpan WrapUp { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest manual wrap-up (an agent who chose wrap-up is available again after this long).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "04:00:00", ErrorMessage = "Acd:MaxManualWrapUp must be from 1 s to 4 h.")]
    public TimeSpan MaxManualWrapUp { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Consecutive offers an agent leaves unanswered (no answer or declined) before an automatic break; 0 never.</summary>
    [Range(0, 100)]
    public int MaxMissedOffers { get; set; } = 3;

    /// <summary>
    /// The state agents start in: <c>Available</c> (a registered phone is enough to take calls; the demo default) or
    /// <c>LoggedOut</c> (agents log in on the desktop or through the API).
    /// </summary>
    public AgentChosenState InitialState { get; set; } = AgentChosenState.Available;

    /// <summary>The queue a call falls to when the router cannot decide (client data or policy unavailable).</summary>
    [Required]
    public string FallbackQueue { get; set; } = "operators";

    /// <summary>The policy file (in the sip-config folder) loaded at first start, when the database holds no policy yet.</summary>
    public string? PolicyFile { get; set; } = "routing.json";

    /// <summary>The folder a relative <see cref="PolicyFile"/> is in (the host sets the sip-config folder).</summary>
    public string? BaseDirectory { get; set; }
}
