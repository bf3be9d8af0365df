using ContactCenter.Acd.Policy;

namespace ContactCenter.Acd.Tests;

/// <summary>The shipped policy and variations of it.</summary>
internal static class TestPolicies
{
    /// <summary>sip-config/routing.json as shipped.</summary>
    public static RoutingPolicy FromFile()
    {
        Assert.True(RoutingPolicy.TryParse(File.ReadAllText(RepositoryFiles.RoutingJson), out var policy, out var error), error);
        return policy!;
    }

    /// <summary>The shipped policy with its operator queue changed by <paramref name="change"/>.</summary>
    public static RoutingPolicy WithOperatorQueue(Func<QueueDefinition, QueueDefinition> change)
    {
        var policy = FromFile();
        return policy with { Queues = [.. policy.Queues!.Select(q => q.Name == DefaultRoutingPolicy.OperatorQueue ? change(q) : q)] };
    }

    /// <summary>The shipped policy with rule <paramref name="name"/> changed by <paramref name="change"/>.</summary>
    public static RoutingPolicy WithRule(string name, Func<RoutingRuleDefinition, RoutingRuleDefinition> change)
    {
        var policy = FromFile();
        return policy with { Rules = [.. policy.Rules.Select(r => r.Name == name ? change(r) : r)] };
    }
}
