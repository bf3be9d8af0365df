namespace ContactCenter.Crm.Model;

/// <summary>
/// One UTC day's per-agent sums the agents report needs beside <see cref="CallDayFigures"/>: outbound calls the agent
/// answered (placed calls) and inbound calls abandoned while ringing at the agent (read from the call's events). Kept
/// with <see cref="CallDayFigures"/> by <c>CallDaySummaries</c> in the same transaction, so both are complete for a
/// summarized day and both go stale together.
/// </summary>
public sealed class AgentDayFigures
{
    /// <summary>The day's start (UTC midnight).</summary>
    public DateTimeOffset Day { get; set; }

    /// <summary>The agent's extension.</summary>
    public string Extension { get; set; } = "";

    /// <summary>Outbound calls of the day the agent took part in (answered).</summary>
    public long Outbound { get; set; }

    /// <summary>Inbound calls of the day whose caller hung up while the call was being offered to the agent.</summary>
    public long AbandonedAtAgent { get; set; }
}
