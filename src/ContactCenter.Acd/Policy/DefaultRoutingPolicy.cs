namespace ContactCenter.Acd.Policy;

/// <summary>
/// DOMAIN.md's default policy, used when neither the database nor sip-config/routing.json holds one
/// (sip-config/routing.json carries the same policy as an editable document).
/// </summary>
public static class DefaultRoutingPolicy
{
    /// <summary>The operator queue's name.</summary>
    public const string OperatorQueue = "operators";

    /// <summary>The default policy with <paramref name="operators"/> as the operator queue's members.</summary>
    public static RoutingPolicy Create(IEnumerable<string> operators) => new(
        Rules:
        [
            new("new-caller", new RuleCondition(NewCaller: true), ["client-department-head"]),
            new("debt", new RuleCondition(Debt: true), ["assigned-manager", "department:finance"]),
            new("key-client", new RuleCondition(ClientTypes: ["key"]), ["assigned-manager", "key-account-managers", "department-head:wholesale"]),
            new("other-matters", new RuleCondition(MenuChoices: ["other"]), ["assigned-manager", "client-department-head"]),
            new("operator-queue", null, ["queue:" + OperatorQueue]),
        ],
        Queues: [new(OperatorQueue, [.. operators.Select(e => new QueueMember(e))], QueueStrategies.LongestIdle, TimeSpan.FromMinutes(3), ["department-head:sales-support"], CallbackKey: "1")],
        Hours: null,
        DepartmentsByClientType: new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["key"] = "wholesale",
            ["new"] = "wholesale",
            ["retail"] = "sales-support",
            ["regional"] = "sales-support",
            ["own-outlet"] = "sales-support",
            ["indicator"] = "sales-support",
        },
        DefaultDepartment: "wholesale",
        LastResort: ["queue:" + OperatorQueue]);
}
