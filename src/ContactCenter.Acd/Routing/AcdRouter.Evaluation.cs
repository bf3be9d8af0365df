using System.Diagnostics;
using System.Globalization;
using ContactCenter.Acd.Agents;
using ContactCenter.Acd.Configuration;
using ContactCenter.Acd.Directory;
using ContactCenter.Acd.Policy;
using ContactCenter.Acd.Queues;
using ContactCenter.CallEngine.Routing;
using ContactCenter.PhoneNumbers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Acd.Routing;

/// <content>The working state of one routing decision (a chain expanded into candidates, queues, the trace).</content>
public sealed partial class AcdRouter
{
    /// <summary>One decision's working state.</summary>
    private sealed class Evaluation(AcdRouter router, ActivePolicy active, RoutingDirectory directory, Guid callId, string? callerE164, string dialed,
        string? menuChoice, IReadOnlyList<string> tried, bool live)
    {
        private readonly List<RoutingCandidate> _candidates = [];
        private readonly List<string> _targets = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly HashSet<string> _queuesVisited = new(StringComparer.OrdinalIgnoreCase);
        private readonly DateTimeOffset _now = router._time.GetUtcNow();
        private DirectoryClient? _client;
        private QueueWait? _queue;
        private string? _final;
        private bool _queueReached;
        private bool? _record;
        private bool _ringAll;
        private VoicemailBox? _voicemail;

        private RoutingPolicy Policy => active.Policy;

        public RoutingDecision Run()
        {
            _client = directory.TryFindClient(callerE164, out var client) ? client : null;
            var today = DateOnly.FromDateTime(_now.UtcDateTime);
            var debt = _client?.DebtReason(today);
            var type = _client?.TypeCode ?? "new";
            var isNew = _client is null || _client.ManagerExtension is null || string.Equals(_client.TypeCode, "new", StringComparison.OrdinalIgnoreCase);
            foreach (var rule in Policy.Rules)
            {
                if (rule.Enabled && Matches(rule.When, isNew, debt is not null, type))
                {
                    return RunChain(rule.Name, rule.Targets, null);
                }
            }

            return RunChain(FallbackRule, ["queue:" + router._options.Value.FallbackQueue], "no rule matched");
        }

        public RoutingDecision RunChain(string rule, IReadOnlyList<string> chain, string? note, bool lastResort = true)
        {
            _client ??= directory.TryFindClient(callerE164, out var known) ? known : null;
            Expand(chain, "", 0);
            if (lastResort && _targets.Count == 0 && _queue is null && _final is null && !_queueReached && Policy.LastResort is { Count: > 0 } resort
                && !ReferenceEquals(chain, resort))
            {
                _candidates.Add(new RoutingCandidate("last-resort", null, null, "nobody in the chain can take the call: " + string.Join(", ", resort), false));
                Expand(resort, "last-resort ", 0);
            }

            var today = DateOnly.FromDateTime(_now.UtcDateTime);
            var summary = _client is null ? null
                : new ClientSummary(_client.Id, _client.Name, _client.TypeCode, _client.ManagerExtension, _client.DebtReason(today));
            return new RoutingDecision(rule, active.Version, summary, _candidates, _targets, _targets.Count == 0 ? _queue : null,
                _targets.Count == 0 && _queue is null ? _final : null, note)
            {
                Record = _record,
                RingAll = _ringAll && _targets.Count > 1,
                Voicemail = _targets.Count == 0 && _queue is null && _final == "closed" ? _voicemail : null,
            };
        }

        private bool Matches(RuleCondition? when, bool isNew, bool debt, string type) =>
            when is null
            || ((when.NewCaller is null || when.NewCaller == isNew)
                && (when.Debt is null || when.Debt == debt)
                && (when.ClientTypes is not { Count: > 0 } types || types.Contains(type, StringComparer.OrdinalIgnoreCase))
                && (when.MenuChoices is not { Count: > 0 } choices || (menuChoice is not null && choices.Contains(menuChoice, StringComparer.OrdinalIgnoreCase)))
                && (when.ServiceNumbers is not { Count: > 0 } numbers || numbers.Contains(dialed, StringComparer.Ordinal)));

        private void Expand(IReadOnlyList<string> chain, string prefix, int depth)
        {
            foreach (var token in chain)
            {
                if (_queueReached)
                {
                    return;
                }

                if (!RoutingTarget.TryParse(token, out var target, out var error))
                {
                    _candidates.Add(new RoutingCandidate(prefix + token, null, null, error!, false));
                    continue;
                }

                var source = prefix + target.Token;
                switch (target.Kind)
                {
                    case RoutingTargetKind.AssignedManager:
                        if (_client?.ManagerExtension is { } manager)
                        {
                            Consider(manager, source, 0);
                        }
                        else
                        {
                            _candidates.Add(new RoutingCandidate(source, null, null, _client is null ? "unknown caller: no manager" : "client has no manager", false));
                        }

                        break;
                    case RoutingTargetKind.KeyAccountManagers:
                        var others = directory.KeyAccountManagers.Where(e => e != _client?.ManagerExtension)
                            .Select(e => router._agents.GetStatus(e)).OrderBy(s => s.IdleSince ?? DateTimeOffset.MinValue).ToList();
                        if (others.Count == 0)
                        {
                            _candidates.Add(new RoutingCandidate(source, null, null, "no other key-account manager", false));
                        }

                        foreach (var other in others)
                        {
                            Consider(other.Extension, source, 0);
                        }

                        break;
                    case RoutingTargetKind.DepartmentHead:
                        Head(target.Argument!, source);
                        break;
                    case RoutingTargetKind.ClientDepartmentHead:
                        var department = _client is not null && Policy.DepartmentsByClientType?.TryGetValue(_client.TypeCode, out var mapped) == true
                            ? mapped : Policy.DefaultDepartment;
                        if (department is null)
                        {
                            _candidates.Add(new RoutingCandidate(source, null, null, "no department for this client type", false));
                        }
                        else
                        {
                            Head(department, source + $" ({department})");
                        }

                        break;
                    case RoutingTargetKind.Department:
                        var members = directory.DepartmentMembers(target.Argument!);
                        if (members.Count == 0)
                        {
                            _candidates.Add(new RoutingCandidate(source, null, null, "department has nobody", false));
                        }

                        foreach (var member in members)
                        {
                            Consider(member, source, 0);
                        }

                        break;
                    case RoutingTargetKind.Extension:
                        Consider(target.Argument!, source, 0);
                        break;
                    case RoutingTargetKind.Queue:
                        if (_targets.Count > 0)
                        {
                            // Someone earlier in the chain can take the call: the queue is where it goes after them.
                            _candidates.Add(new RoutingCandidate(source, null, null, "after the targets above", false));
                            return;
                        }

                        Queue(target.Argument!, source, depth);
                        break;
                }
            }
        }

        private void Head(string code, string source)
        {
            if (directory.Departments.TryGetValue(code, out var department) && department.HeadExtension is { } head)
            {
                Consider(head, source, 0);
            }
            else
            {
                _candidates.Add(new RoutingCandidate(source, null, null, $"department '{code}' has no head", false));
            }
        }

        private void Consider(string extension, string source, int depth)
        {
            if (!_seen.Add(extension))
            {
                return;
            }

            var status = router._agents.GetStatus(extension);
            var state = status.StateName;
            if (directory.Staff.TryGetValue(extension, out var staff) && !staff.IsActive)
            {
                _candidates.Add(new RoutingCandidate(source, extension, state, "no longer active", false));
                return;
            }

            if (status.State == AgentState.Absent && status.Substitute is { } substitute && depth < MaxDepth)
            {
                _candidates.Add(new RoutingCandidate(source, extension, state,
                    $"absent{(status.Reason is null ? "" : $" ({status.Reason})")}: substitute {substitute} takes the duties", false));
                Consider(substitute, $"substitute for {extension}", depth + 1);
                return;
            }

            if (tried.Contains(extension, StringComparer.Ordinal))
            {
                _candidates.Add(new RoutingCandidate(source, extension, state, "already tried", false));
                return;
            }

            if (!router._agents.IsOfferable(status, out var reason))
            {
                _candidates.Add(new RoutingCandidate(source, extension, state, reason, false));
                return;
            }

            _targets.Add(extension);
            _candidates.Add(new RoutingCandidate(source, extension, state, Idle(status), true));
        }

        private void Queue(string name, string source, int depth)
        {
            _queueReached = true;
            if (!_queuesVisited.Add(name))
            {
                // Reached again (a last resort naming the queue the rule already overflowed from): nothing new to say.
                _queueReached = false;
                return;
            }

            var queue = Policy.FindQueue(name);
            if (queue is null || depth > MaxDepth)
            {
                _candidates.Add(new RoutingCandidate(source, null, null, queue is null ? "queue not defined" : "overflow too deep", false));
                return;
            }

            if (queue.Hours is not null && Policy.FindHours(queue.Hours) is { } hours && !BusinessHours.IsOpen(hours, _now, out var why))
            {
                _candidates.Add(new RoutingCandidate(source, null, null, why, false));
                _final = "closed";
                _voicemail = queue.Voicemail != false
                    ? new VoicemailBox(queue.Name, BusinessHours.NextOpening(hours, _now), [.. queue.Members.Select(m => m.Extension)])
                    : null;
                if (live)
                {
                    // A caller turned away at closing time did not abandon the queue.
                    router._queues.Closed(callId);
                }

                return;
            }

            var members = queue.Members.Select(m => (Member: m, Status: router._agents.GetStatus(m.Extension))).ToList();
            var staffed = members.Count(m => m.Status.State is AgentState.Available or AgentState.Ringing or AgentState.OnCall or AgentState.WrapUp);
            var free = new List<(QueueMember Member, AgentStatus Status)>();
            foreach (var (member, status) in members)
            {
                if (!_seen.Add(member.Extension))
                {
                    continue;
                }

                if (router._agents.IsOfferable(status, out var reason))
                {
                    free.Add((member, status));
                }
                else
                {
                    _candidates.Add(new RoutingCandidate(source, member.Extension, status.StateName, reason, false));
                }
            }

            var (ahead, enqueuedAt) = live ? router._queues.Enter(callId, queue.Name) : (router._queues.CountWaiting(queue.Name), _now);
            var waited = _now - enqueuedAt;
            var overflowWhy = staffed == 0 ? "nobody in the queue is logged in with a registered phone"
                : queue.MaxWait is { } maxWait && waited >= maxWait ? $"waited {waited:mm\\:ss}, the maximum is {maxWait:mm\\:ss}"
                : null;
            if (overflowWhy is not null)
            {
                if (live)
                {
                    router._queues.Overflow(callId);
                }

                _queueReached = false;
                if (queue.Overflow is { Count: > 0 } overflow)
                {
                    _candidates.Add(new RoutingCandidate(source, null, null, overflowWhy + ": overflow to " + string.Join(", ", overflow), false));
                    Expand(overflow, $"{source} overflow ", depth + 1);
                }
                else
                {
                    _candidates.Add(new RoutingCandidate(source, null, null, overflowWhy, false));
                }

                return;
            }

            _record = queue.Record;
            _ringAll = queue.Strategy == QueueStrategies.RingAll;
            var ordered = Order(queue, free).ToList();
            // Capacity: one call per free agent at the usual limit of one call each; more below a higher limit, no
            // bound without one (load tests). Calls ahead take capacity first: first come, first served.
            var capacity = ordered.Aggregate(0L, (sum, f) => Math.Min(int.MaxValue, sum + router._agents.FreeSlots(f.Status)));
            if (ahead < capacity)
            {
                var skip = ordered.Count > 0 && capacity > ordered.Count ? 0 : ahead;
                foreach (var (member, status) in ordered.Skip(skip))
                {
                    _targets.Add(member.Extension);
                    _candidates.Add(new RoutingCandidate(source, member.Extension, status.StateName, Idle(status), true));
                }

                foreach (var (member, status) in ordered.Take(skip))
                {
                    _candidates.Add(new RoutingCandidate(source, member.Extension, status.StateName, "kept for a call ahead in the queue", false));
                }

                if (live)
                {
                    router._queues.SetOffering(callId, true);
                }

                return;
            }

            // As many calls wait ahead as there are free members (or more): every free member is kept for them.
            foreach (var (member, status) in ordered)
            {
                _candidates.Add(new RoutingCandidate(source, member.Extension, status.StateName, "kept for a call ahead in the queue", false));
            }

            if (live)
            {
                router._queues.SetOffering(callId, false);
            }

            var position = ahead + 1;
            var expected = router._queues.ExpectedWait(queue.Name, position, staffed);
            _queue = new QueueWait(queue.Name, position, expected, queue.AnnouncePosition ? "queue-position" : null,
                queue.CallbackKey is { Length: 1 } key && router.CanCallBack(callerE164) ? key[0] : null);
            _candidates.Add(new RoutingCandidate(source, null, null,
                $"waiting at position {position}" + (expected is { } e ? $", expected wait {e:mm\\:ss}" : ""), false));
        }

        private IEnumerable<(QueueMember Member, AgentStatus Status)> Order(QueueDefinition queue, List<(QueueMember Member, AgentStatus Status)> free)
        {
            // Agents who already missed this call go last, so that a queue call moves on before it comes back.
            static int Tried(IReadOnlyList<string> tried, string extension) => tried.Contains(extension, StringComparer.Ordinal) ? 1 : 0;
            var byIdle = free.Select((f, i) => (f.Member, f.Status, Index: i)).ToList();
            switch (queue.Strategy)
            {
                case QueueStrategies.FewestCalls:
                    return byIdle.OrderBy(f => Tried(tried, f.Member.Extension)).ThenBy(f => f.Status.AnsweredCalls)
                        .ThenBy(f => f.Status.IdleSince ?? DateTimeOffset.MinValue).ThenBy(f => f.Index).Select(f => (f.Member, f.Status));
                case QueueStrategies.Skills:
                    return byIdle.OrderBy(f => Tried(tried, f.Member.Extension)).ThenBy(f => f.Member.Penalty)
                        .ThenBy(f => f.Status.IdleSince ?? DateTimeOffset.MinValue).ThenBy(f => f.Index).Select(f => (f.Member, f.Status));
                case QueueStrategies.RoundRobin:
                    int start;
                    lock (router._roundRobin)
                    {
                        start = router._roundRobin.GetValueOrDefault(queue.Name);
                        if (live && free.Count > 0)
                        {
                            router._roundRobin[queue.Name] = start + 1;
                        }
                    }

                    var count = queue.Members.Count;
                    return byIdle.OrderBy(f => Tried(tried, f.Member.Extension))
                        .ThenBy(f => ((IndexOf(queue, f.Member.Extension) - start) % count + count) % count).Select(f => (f.Member, f.Status));
                default:
                    return byIdle.OrderBy(f => Tried(tried, f.Member.Extension)).ThenBy(f => f.Status.IdleSince ?? DateTimeOffset.MinValue)
                        .ThenBy(f => f.Index).Select(f => (f.Member, f.Status));
            }
        }

        private static int IndexOf(QueueDefinition queue, string extension)
        {
            for (var i = 0; i < queue.Members.Count; i++)
            {
                if (queue.Members[i].Extension == extension)
                {
                    return i;
                }
            }

            return 0;
        }

        private static string Idle(AgentStatus status) => status.IdleSince is { } idle
            ? "available, idle since " + idle.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : "available, no call since start";
    }
}
