namespace ContactCenter.Crm.Reports;

/// <summary>
/// One extension's sums over summarized days, as <see cref="CallDaySummaries.ReadAgentsAsync"/> returns them; the empty
/// extension carries the calls nobody answered (their <see cref="Abandoned"/> counts toward the report's total).
/// </summary>
internal sealed class AgentDayTotals : CallFigures
{
    /// <summary>Inbound calls abandoned while ringing at this extension.</summary>
    public long AbandonedAtAgent { get; set; }

    /// <summary>Every inbound call abandoned (in the queue, the menu or ringing), counted on the answering key's row.</summary>
    public long Abandoned { get; set; }
}
