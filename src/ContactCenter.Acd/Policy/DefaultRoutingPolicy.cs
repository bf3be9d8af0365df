namespace ContactCenter.Acd.Policy;

/// <summary>
/// DOMAIN.md's default policy, used when neither the database nor sip-config/routing.json holds one
/// (sip-config/routing.json carries the same policy as an editable document).
/// </summary>
public static class DefaultRoutingPolicy
{
    /// <summary>The operator queue's name.</summary>
    public const string OperatorQueue = "operators";

    /// <summary>The operator queue's business hours: Monday to Friday 08:00-20:00, Saturday 09:00-15:00, Moscow time.</summary>
    public const string OfficeHours = "office";

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
        Queues: [new(OperatorQueue, [.. operators.Select(e => new QueueMember(e))], QueueStrategies.LongestIdle, TimeSpan.FromMinutes(3), ["department-head:sales-support"],
            Hours: OfficeHours, CallbackKey: "1")],
        Hours:
        [
            new(OfficeHours, "Europe/Moscow", new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["mon"] = "08:00-20:00", ["tue"] = "08:00-20:00", ["wed"] = "08:00-20:00", ["thu"] = "08:00-20:00", ["fri"] = "08:00-20:00",
                ["sat"] = "09:00-15:00",
            }, [new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 7)]),
        ],
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
