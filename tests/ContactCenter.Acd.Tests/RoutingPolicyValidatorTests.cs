using ContactCenter.Acd.Policy;

namespace ContactCenter.Acd.Tests;

public sealed class RoutingPolicyValidatorTests
{
    private static readonly IReadOnlySet<string> Extensions = new HashSet<string>(DemoDirectory.Extensions, StringComparer.Ordinal);

    [Theory]
    [InlineData("extension-target", "Rule 'key-client': extension 9999 is not a known extension.")]
    [InlineData("bare-extension-target", "Rule 'key-client': extension 9998 is not a known extension.")]
    [InlineData("queue-member", "Queue 'operators': member 9999 is not a known extension.")]
    [InlineData("unknown-queue", "Rule 'operator-queue': queue 'support' is not defined.")]
    [InlineData("unknown-queue-last-resort", "Last resort: queue 'support' is not defined.")]
    [InlineData("empty-rule-chain", "Rule 'debt' has an empty target chain.")]
    [InlineData("empty-overflow", "Queue 'operators' overflow has an empty target chain.")]
    [InlineData("overflow-cycle", "Queue overflow forms a cycle: operators -> backup -> operators.")]
    [InlineData("overflow-to-itself", "Queue overflow forms a cycle: operators -> operators.")]
    [InlineData("hours-range-backwards", "Hours 'office': '20:00-08:00' for mon is not a range like 08:00-20:00 (or 'closed').")]
    [InlineData("hours-range-garbage", "Hours 'office': '8-20' for tue is not a range like 08:00-20:00 (or 'closed').")]
    [InlineData("hours-day", "Hours 'office': 'sunday' is not a weekday (mon..sun).")]
    [InlineData("hours-zone", "Hours 'office': time zone 'Mars/Olympus' is unknown.")]
    [InlineData("hours-undefined", "Queue 'operators': business hours 'night' are not defined.")]
    [InlineData("strategy", "Queue 'operators': strategy 'fastest' is not one of longest-idle, fewest-calls, round-robin, skills, ring-all.")]
    [InlineData("max-wait-zero", "Queue 'operators': maxWait must be more than 0 and at most 2 hours.")]
    [InlineData("max-wait-long", "Queue 'operators': maxWait must be more than 0 and at most 2 hours.")]
    [InlineData("service-level-threshold", "Queue 'operators': serviceLevelThreshold must be more than 0 and at most 1 hour.")]
    [InlineData("no-members", "Queue 'operators' has no members.")]
    [InlineData("no-rules", "The policy has no rules.")]
    [InlineData("duplicate-rule", "Rule name 'debt' is used more than once.")]
    [InlineData("duplicate-queue", "Queue name 'operators' is used more than once.")]
    [InlineData("unknown-department", "Rule 'key-client': department 'marketing' is unknown.")]
    [InlineData("unknown-client-department", "Client type 'retail': department 'retail-sales' is unknown.")]
    [InlineData("unknown-default-department", "Default department: department 'nowhere' is unknown.")]
    [InlineData("bad-target", "Rule 'key-client': 'manager' is not a target (assigned-manager, key-account-managers, client-department-head, "
        + "department-head:CODE, department:CODE, extension:NNNN, queue:NAME).")]
    public void Validate_OneMistake_ReportedInOneSentence(string mistake, string expected)
    {
        var policy = WithMistake(mistake);

        var errors = RoutingPolicyValidator.Validate(policy, Extensions, DemoDirectory.DepartmentCodes);

        Assert.Equal([expected], errors);
    }

    [Theory]
    [InlineData("{ \"rules\": [ null ] }")]
    [InlineData("{ \"rules\": [ { \"name\": \"all\", \"targets\": [ \"queue:q\" ] } ], \"queues\": [ null ] }")]
    [InlineData("{ \"rules\": [ { \"name\": \"all\", \"targets\": [ \"queue:q\" ] } ], \"queues\": [ { \"name\": \"q\", \"members\": [ null ] } ] }")]
    [InlineData("{ \"rules\": [ { \"name\": \"all\", \"targets\": [ \"1001\" ] } ], \"hours\": [ null ] }")]
    public void Validate_DocumentWithNullEntries_ReportedNotThrown(string json)
    {
        Assert.True(RoutingPolicy.TryParse(json, out var policy, out var error), error);

        var errors = RoutingPolicyValidator.Validate(policy!, Extensions, DemoDirectory.DepartmentCodes);

        Assert.Equal(["The policy has an empty (null) rule, queue, queue member or hours entry."], errors);
    }

    [Fact]
    public void Validate_DepartmentsNotKnownYet_DepartmentCodesNotChecked()
    {
        var policy = WithMistake("unknown-department");

        var errors = RoutingPolicyValidator.Validate(policy, Extensions, departments: null);

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_ShippedFile_NoErrorsAgainstDemoExtensionsAndDepartments()
    {
        var policy = TestPolicies.FromFile();

        var errors = RoutingPolicyValidator.Validate(policy, Extensions, DemoDirectory.DepartmentCodes);

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_BuiltInDefault_NoErrors()
    {
        var policy = DefaultRoutingPolicy.Create(["1001", "1002", "1003"]);

        var errors = RoutingPolicyValidator.Validate(policy, Extensions, DemoDirectory.DepartmentCodes);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("00:00-24:00")]
    [InlineData("09:00-13:00")]
    public void Validate_DayOpenClosedOrAllDay_Accepted(string range)
    {
        var policy = WithHours(h => h with { Week = new Dictionary<string, string>(h.Week) { ["sun"] = range } });

        var errors = RoutingPolicyValidator.Validate(policy, Extensions, DemoDirectory.DepartmentCodes);

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_SeveralMistakes_EachReported()
    {
        var policy = TestPolicies.WithOperatorQueue(q => q with { Strategy = "fastest", Members = [new QueueMember("9999")] });

        var errors = RoutingPolicyValidator.Validate(policy, Extensions, DemoDirectory.DepartmentCodes);

        Assert.Equal(2, errors.Count);
    }

    private static RoutingPolicy WithMistake(string mistake)
    {
        var file = TestPolicies.FromFile();
        return mistake switch
        {
            "extension-target" => TestPolicies.WithRule("key-client", r => r with { Targets = ["assigned-manager", "extension:9999"] }),
            "bare-extension-target" => TestPolicies.WithRule("key-client", r => r with { Targets = ["9998"] }),
            "queue-member" => TestPolicies.WithOperatorQueue(q => q with { Members = [new QueueMember("1001"), new QueueMember("9999")] }),
            "unknown-queue" => TestPolicies.WithRule("operator-queue", r => r with { Targets = ["queue:support"] }),
            "unknown-queue-last-resort" => file with { LastResort = ["queue:support"] },
            "empty-rule-chain" => TestPolicies.WithRule("debt", r => r with { Targets = [] }),
            "empty-overflow" => TestPolicies.WithOperatorQueue(q => q with { Overflow = [] }),
            "overflow-cycle" => file with
            {
                Queues =
                [
                    file.Queues![0] with { Overflow = ["queue:backup"] },
                    new QueueDefinition("backup", [new QueueMember("3002")], Overflow: ["queue:operators"]),
                ],
            },
            "overflow-to-itself" => TestPolicies.WithOperatorQueue(q => q with { Overflow = ["queue:operators"] }),
            "hours-range-backwards" => WithHours(h => h with { Week = new Dictionary<string, string>(h.Week) { ["mon"] = "20:00-08:00" } }),
            "hours-range-garbage" => WithHours(h => h with { Week = new Dictionary<string, string>(h.Week) { ["tue"] = "8-20" } }),
            "hours-day" => WithHours(h => h with { Week = new Dictionary<string, string>(h.Week) { ["sunday"] = "10:00-14:00" } }),
            "hours-zone" => WithHours(h => h with { TimeZone = "Mars/Olympus" }),
            "hours-undefined" => TestPolicies.WithOperatorQueue(q => q with { Hours = "night" }),
            "strategy" => TestPolicies.WithOperatorQueue(q => q with { Strategy = "fastest" }),
            "max-wait-zero" => TestPolicies.WithOperatorQueue(q => q with { MaxWait = TimeSpan.Zero }),
            "max-wait-long" => TestPolicies.WithOperatorQueue(q => q with { MaxWait = TimeSpan.FromHours(3) }),
            "service-level-threshold" => TestPolicies.WithOperatorQueue(q => q with { ServiceLevelThreshold = TimeSpan.Zero }),
            "no-members" => TestPolicies.WithOperatorQueue(q => q with { Members = [] }),
            "no-rules" => file with { Rules = [] },
            "duplicate-rule" => file with { Rules = [.. file.Rules, new RoutingRuleDefinition("Debt", null, ["queue:operators"])] },
            "duplicate-queue" => file with { Queues = [.. file.Queues!, new QueueDefinition("Operators", [new QueueMember("1001")])] },
            "unknown-department" => TestPolicies.WithRule("key-client", r => r with { Targets = ["assigned-manager", "department-head:marketing"] }),
            "unknown-client-department" => file with
            {
                DepartmentsByClientType = new Dictionary<string, string>(file.DepartmentsByClientType!) { ["retail"] = "retail-sales" },
            },
            "unknown-default-department" => file with { DefaultDepartment = "nowhere" },
            "bad-target" => TestPolicies.WithRule("key-client", r => r with { Targets = ["manager"] }),
            _ => throw new ArgumentOutOfRangeException(nameof(mistake), mistake, null),
        };
    }

    private static RoutingPolicy WithHours(Func<BusinessHoursDefinition, BusinessHoursDefinition> change)
    {
        var file = TestPolicies.FromFile();
        return file with { Hours = [.. file.Hours!.Select(change)] };
    }

    [Theory]
    [InlineData("queue-member", "queues.operators.members")]
    [InlineData("no-members", "queues.operators.members")]
    [InlineData("strategy", "queues.operators.strategy")]
    [InlineData("max-wait-long", "queues.operators.maxWait")]
    [InlineData("service-level-threshold", "queues.operators.serviceLevelThreshold")]
    [InlineData("hours-undefined", "queues.operators.hours")]
    [InlineData("empty-overflow", "queues.operators.overflow")]
    [InlineData("hours-zone", "hours.office.timeZone")]
    [InlineData("hours-range-backwards", "hours.office.mon")]
    [InlineData("hours-day", "hours.office.week")]
    [InlineData("extension-target", null)]
    public void FieldOf_ProblemAboutAQueueOrHours_NamesTheFormField(string mistake, string? field)
    {
        var problem = Assert.Single(RoutingPolicyValidator.Validate(WithMistake(mistake), Extensions, DemoDirectory.DepartmentCodes));

        Assert.Equal(field, RoutingPolicyValidator.FieldOf(problem));
    }
}
