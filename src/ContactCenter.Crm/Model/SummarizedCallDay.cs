namespace ContactCenter.Crm.Model;

/// <summary>A day whose <see cref="CallDayFigures"/> are complete, and under which service-level thresholds.</summary>
public sealed class SummarizedCallDay
{
    /// <summary>The day's start (UTC midnight).</summary>
    public DateTimeOffset Day { get; set; }

    /// <summary>The service-level thresholds the day's "answered in time" was counted with (a fingerprint).</summary>
    public required string Thresholds { get; set; }

    public DateTimeOffset SummarizedAt { get; set; }
}
