using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.Outbound;

/// <summary>The sleeping clients' list on a schedule (section <c>Crm:SleepingList</c>).</summary>
public sealed class SleepingListOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Crm:SleepingList";

    /// <summary>When true, the list is built every <see cref="Interval"/> (off by default; the API builds it on demand).</summary>
    public bool Schedule { get; init; }

    /// <summary>The extension of the head in whose name the list is given (and who reads its results).</summary>
    [Required]
    [RegularExpression("^[0-9]{1,16}$")]
    public string Head { get; init; } = "3001";

    /// <summary>Extensions of the operators who work it; empty for every active operator.</summary>
    public List<string> Operators { get; init; } = [];

    /// <summary>How often the list is built.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Interval { get; init; } = TimeSpan.FromDays(1);
}
