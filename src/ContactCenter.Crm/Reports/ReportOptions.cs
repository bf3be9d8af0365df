using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.Reports;

/// <summary>How the reports count.</summary>
internal sealed class ReportOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Crm:Reports";

    /// <summary>A call answered within this time of arriving counts toward the service level (the usual 80/20 uses 20 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ServiceLevelThreshold { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The time zone (IANA id) whose midnight starts the wallboard's "today".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The longest period one report covers.</summary>
    [Range(1, 3_660)]
    public int MaxPeriodDays { get; set; } = 366;
}
