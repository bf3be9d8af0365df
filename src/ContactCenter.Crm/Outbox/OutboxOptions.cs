using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.Outbox;

/// <summary>How the outbox publisher works.</summary>
public sealed class OutboxOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Outbox";

    /// <summary>How often the publisher looks for messages when nothing woke it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many messages one pass publishes at most.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>The longest wait between passes while the database or the broker is down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
