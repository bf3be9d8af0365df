using System.Text.RegularExpressions;

namespace ContactCenter.Acd.Policy;

/// <summary>
/// Checks a policy before it is saved: every target parses and names a known extension, department or queue;
/// no rule or queue has an empty chain; names are unique; queue overflows form no cycle; hours parse.
/// </summary>
public static partial class RoutingPolicyValidator
{
    /// <summary>
    /// The form field a problem from <see cref="Validate"/> is about: <c>queues.NAME.members</c>, <c>.strategy</c>,
    /// <c>.maxWait</c>, <c>.serviceLevelThreshold</c>, <c>.callbackKey</c>, <c>.hours</c>, <c>.overflow</c>;
    /// <c>hours.NAME.timeZone</c>, <c>hours.NAME.mon</c> (a day's range), <c>hours.NAME.week</c>; null for the policy as a whole.
    /// </summary>
    public static string? FieldOf(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (QueueProblem().Match(problem) is { Success: true } q)
        {
            var field = q.Groups["field"].Value switch
            {
                "has no members" or "member" => "members",
                "business hours" => "hours",
                var named => named,
            };
            return $"queues.{q.Groups["name"].Value}.{field}";
        }

        return HoursProblem().Match(problem) is { Success: true } h
            ? $"hours.{h.Groups["name"].Value}.{(h.Groups["day"].Success ? h.Groups["day"].Value : h.Groups["zone"].Success ? "timeZone" : "week")}"
            : null;
    }

    [GeneratedRegex("^Queue '(?<name>[^']*)'(?: (?<field>has no members|overflow)|: (?<field>member|strategy|maxWait|serviceLevelThreshold|callbackKey|business hours)\\b)")]
    private static partial Regex QueueProblem();

    [GeneratedRegex("^Hours '(?<name>[^']*)': (?:(?<zone>time zone)|'[^']*' for (?<day>mon|tue|wed|thu|fri|sat|sun)\\b|'[^']*' is not a weekday)")]
    private static partial Regex HoursProblem();

    /// <summary>The problems found, each one sentence; empty when the policy can be used.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="extensions">Extensions that exist (the configured softphones).</param>
    /// <param name="departments">Department codes that exist, or null when unknown now (not checked then).</param>
    public static IReadOnlyList<string> Validate(RoutingPolicy policy, IReadOnlySet<string> extensions, IReadOnlySet<string>? departments)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(extensions);
        // A document may hold null entries ("rules": [null]); nothing below can check them, so say so and stop.
        if ((policy.Rules ?? []).Any(r => r is null) || (policy.Queues ?? []).Any(q => q is null || (q.Members ?? []).Any(m => m is null))
            || (policy.Hours ?? []).Any(h => h is null))
        {
            return ["The policy has an empty (null) rule, queue, queue member or hours entry."];
        }

        var errors = new List<string>();
        var queues = policy.Queues ?? [];
        if (policy.Rules is null || policy.Rules.Count == 0)
        {
            errors.Add("The policy has no rules.");
        }

        foreach (var duplicate in (policy.Rules ?? []).GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Rule name '{duplicate.Key}' is used more than once.");
        }

        foreach (var duplicate in queues.GroupBy(q => q.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Queue name '{duplicate.Key}' is used more than once.");
        }

        foreach (var rule in policy.Rules ?? [])
        {
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                errors.Add("A rule has no name.");
            }

            CheckChain($"Rule '{rule.Name}'", rule.Targets, required: true);
        }

        foreach (var queue in queues)
        {
            var where = $"Queue '{queue.Name}'";
            if (string.IsNullOrWhiteSpace(queue.Name) || queue.Name.Contains(':', StringComparison.Ordinal))
            {
                errors.Add($"{where}: a queue needs a name without ':'.");
            }

            if (queue.Members is null || queue.Members.Count == 0)
            {
                errors.Add($"{where} has no members.");
            }

            foreach (var member in queue.Members ?? [])
            {
                if (!extensions.Contains(member.Extension))
                {
                    errors.Add($"{where}: member {member.Extension} is not a known extension.");
                }
            }

            if (!QueueStrategies.All.Contains(queue.Strategy, StringComparer.Ordinal))
            {
                errors.Add($"{where}: strategy '{queue.Strategy}' is not one of {string.Join(", ", QueueStrategies.All)}.");
            }

            if (queue.MaxWait is { } maxWait && (maxWait <= TimeSpan.Zero || maxWait > TimeSpan.FromHours(2)))
            {
                errors.Add($"{where}: maxWait must be more than 0 and at most 2 hours.");
            }

            if (queue.ServiceLevelThreshold is { } threshold && (threshold <= TimeSpan.Zero || threshold > TimeSpan.FromHours(1)))
            {
                errors.Add($"{where}: serviceLevelThreshold must be more than 0 and at most 1 hour.");
            }

            if (queue.Overflow is not null)
            {
                CheckChain($"{where} overflow", queue.Overflow, required: true);
            }

            if (queue.CallbackKey is { } callbackKey && (callbackKey.Length != 1 || !"0123456789*#".Contains(callbackKey[0], StringComparison.Ordinal)))
            {
                errors.Add($"{where}: callbackKey must be one key: 0-9, * or #.");
            }

            if (queue.Hours is not null && policy.FindHours(queue.Hours) is null)
            {
                errors.Add($"{where}: business hours '{queue.Hours}' are not defined.");
            }
        }

        foreach (var hours in policy.Hours ?? [])
        {
            if (BusinessHours.FindZone(hours.TimeZone) is null)
            {
                errors.Add($"Hours '{hours.Name}': time zone '{hours.TimeZone}' is unknown.");
            }

            foreach (var (day, range) in hours.Week ?? new Dictionary<string, string>())
            {
                if (!BusinessHours.DayKeys.Contains(day))
                {
                    errors.Add($"Hours '{hours.Name}': '{day}' is not a weekday (mon..sun).");
                }
                else if (!string.Equals(range, "closed", StringComparison.OrdinalIgnoreCase) && !BusinessHours.TryParseRange(range, out _, out _))
                {
                    errors.Add($"Hours '{hours.Name}': '{range}' for {day} is not a range like 08:00-20:00 (or 'closed').");
                }
            }
        }

        if (policy.LastResort is not null)
        {
            CheckChain("Last resort", policy.LastResort, required: false);
        }

        foreach (var (type, department) in policy.DepartmentsByClientType ?? new Dictionary<string, string>())
        {
            CheckDepartment($"Client type '{type}'", department);
        }

        if (policy.DefaultDepartment is not null)
        {
            CheckDepartment("Default department", policy.DefaultDepartment);
        }

        FindOverflowCycle(policy, errors);
        return errors;

        void CheckChain(string where, IReadOnlyList<string>? chain, bool required)
        {
            if (chain is null || chain.Count == 0)
            {
                if (required)
                {
                    errors.Add($"{where} has an empty target chain.");
                }

                return;
            }

            foreach (var token in chain)
            {
                if (!RoutingTarget.TryParse(token, out var target, out var error))
                {
                    errors.Add($"{where}: {error}.");
                    continue;
                }

                switch (target.Kind)
                {
                    case RoutingTargetKind.Extension when !extensions.Contains(target.Argument!):
                        errors.Add($"{where}: extension {target.Argument} is not a known extension.");
                        break;
                    case RoutingTargetKind.Queue when policy.FindQueue(target.Argument!) is null:
                        errors.Add($"{where}: queue '{target.Argument}' is not defined.");
                        break;
                    case RoutingTargetKind.Department or RoutingTargetKind.DepartmentHead:
                        CheckDepartment(where, target.Argument!);
                        break;
                }
            }
        }

        void CheckDepartment(string where, string code)
        {
            if (departments is not null && !departments.Contains(code))
            {
                errors.Add($"{where}: department '{code}' is unknown.");
            }
        }
    }

    private static void FindOverflowCycle(RoutingPolicy policy, List<string> errors)
    {
        var next = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var q in (policy.Queues ?? []).Where(q => !string.IsNullOrWhiteSpace(q.Name)))
        {
            // A name used twice is reported above; the router uses the first queue of a name (FindQueue), and so does this check.
            next.TryAdd(q.Name, [.. (q.Overflow ?? [])
                .Select(t => RoutingTarget.TryParse(t, out var target, out _) && target.Kind == RoutingTargetKind.Queue ? target.Argument : null)
                .OfType<string>()]);
        }

        var state = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase); // 1 visiting, 2 done
        foreach (var queue in next.Keys)
        {
            var path = new List<string>();
            if (Visit(queue, path))
            {
                errors.Add($"Queue overflow forms a cycle: {string.Join(" -> ", path)}.");
                return;
            }
        }

        bool Visit(string queue, List<string> path)
        {
            path.Add(queue);
            if (state.GetValueOrDefault(queue) == 1)
            {
                return true;
            }

            if (state.GetValueOrDefault(queue) == 2)
            {
                path.RemoveAt(path.Count - 1);
                return false;
            }

            state[queue] = 1;
            foreach (var target in next.GetValueOrDefault(queue) ?? [])
            {
                if (Visit(target, path))
                {
                    return true;
                }
            }

            state[queue] = 2;
            path.RemoveAt(path.Count - 1);
            return false;
        }
    }
}
