using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.Outbound;

/// <summary>Outbound call lists (section <c>Crm</c>).</summary>
public sealed class OutboundOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Crm";

    /// <summary>A client with no order for this many days is "sleeping" and goes on the sleeping-clients list.</summary>
    [Range(1, 3650)]
    public int SleepingAfterDays { get; init; } = 30;

    /// <summary>Dial attempts per task when a list does not say.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>How long after no answer or busy a task may be dialled again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMinutes(30);
}
