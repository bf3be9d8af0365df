namespace ContactCenter.Crm.Reports;

/// <summary>
/// The service-level threshold of each queue (the host reads them from the routing policy, the same the ACD uses); a
/// call without a queue, or of a queue not listed, uses <c>Crm:Reports:ServiceLevelThreshold</c>.
/// </summary>
public interface IServiceLevelThresholds
{
    /// <summary>Thresholds by queue name.</summary>
    IReadOnlyDictionary<string, TimeSpan> PerQueue { get; }
}

/// <summary>No per-queue thresholds: every call uses <c>Crm:Reports:ServiceLevelThreshold</c> (the CRM on its own).</summary>
internal sealed class DefaultServiceLevelThresholds : IServiceLevelThresholds
{
    public IReadOnlyDictionary<string, TimeSpan> PerQueue { get; } = new Dictionary<string, TimeSpan>();
}
