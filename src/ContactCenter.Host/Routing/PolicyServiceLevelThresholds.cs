using ContactCenter.Acd.Policy;
using ContactCenter.Crm.Reports;

namespace ContactCenter.Host.Routing;

/// <summary>The reports' and the wallboard's per-queue service-level thresholds: those of the routing policy in force, as the ACD uses them.</summary>
public sealed class PolicyServiceLevelThresholds(RoutingPolicyProvider policies) : IServiceLevelThresholds
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, TimeSpan> PerQueue =>
        (policies.Current.Policy.Queues ?? []).GroupBy(q => q.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().ServiceLevelThresholdInForce, StringComparer.Ordinal);
}
