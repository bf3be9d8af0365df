using System.Globalization;
using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.Sessions;
using Microsoft.Extensions.Options;

namespace ContactCenter.CallEngine.Routing;

/// <summary>
/// The engine's own router until the ACD decides: every call goes to the operator pool
/// (<see cref="CallOptions.Operators"/>), longest idle first, skipping operators whose phone is not registered,
/// who are at their call limit, or who were already tried for this call. Each skip is in the trace.
/// </summary>
public sealed class OperatorPoolRouter(IOptions<CallOptions> options, IPhoneDirectory phones, AgentActivity activity) : ICallRouter
{
    /// <summary>The rule name written on calls it routes.</summary>
    public const string RuleName = "operator-pool";

    /// <inheritdoc />
    public ValueTask<CallRoute> RouteAsync(CallRouteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var calls = options.Value;
        var steps = new List<RoutingStep>();
        var candidates = new List<(string Extension, DateTimeOffset IdleSince, int Order)>();
        var order = 0;
        foreach (var extension in calls.Operators ?? [])
        {
            order++;
            string verdict;
            if (request.Tried.Contains(extension, StringComparer.Ordinal))
            {
                verdict = "already tried";
            }
            else if (phones.CountPhones(extension) == 0)
            {
                verdict = "not registered";
            }
            else if (calls.AgentCallLimit > 0 && activity.GetCallCount(extension) >= calls.AgentCallLimit)
            {
                verdict = "busy on another call";
            }
            else
            {
                var idle = activity.GetLastCallEnded(extension) ?? DateTimeOffset.MinValue;
                candidates.Add((extension, idle, order));
                verdict = idle == DateTimeOffset.MinValue
                    ? "available, no call since start"
                    : "available, idle since " + idle.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            }

            steps.Add(new RoutingStep(extension, verdict));
        }

        var targets = candidates.OrderBy(c => c.IdleSince).ThenBy(c => c.Order).Select(c => c.Extension).ToList();
        return ValueTask.FromResult(new CallRoute(RuleName, targets, steps));
    }
}
