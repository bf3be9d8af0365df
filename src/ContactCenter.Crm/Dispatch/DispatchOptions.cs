using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.Dispatch;

/// <summary>Dispatch notification calls (section <c>Crm:Dispatch</c>).</summary>
public sealed class DispatchOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Crm:Dispatch";

    /// <summary>When true, a schedule places today's notification calls one after another from <see cref="Agent"/>'s phone.</summary>
    public bool AutoNotify { get; init; }

    /// <summary>The dispatcher's extension whose phone the schedule rings first.</summary>
    [Required]
    [RegularExpression("^[0-9]{1,16}$")]
    public string Agent { get; init; } = "5001";

    /// <summary>How often the schedule looks for the next delivery to notify.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls per delivery the schedule places before leaving it to the dispatcher.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>How long after no answer the schedule calls again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMinutes(20);
}
