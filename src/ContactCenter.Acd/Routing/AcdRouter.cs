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

/// <summary>
/// The ACD: identifies the caller by number in the cached CRM directory, picks the first rule of the policy in
/// force whose conditions hold, and expands its target chain into extensions, skipping each absent target with
/// its reason (not registered, logged out, on break, absent with the substitute taking over, busy, in wrap-up,
/// already tried). A queue target waits first come, first served, with overflow after its maximum wait and the
/// closed announcement outside its hours. When nobody in a chain can be reached the policy's last resort is
/// tried; when the router cannot decide at all (no client data yet, a broken policy) the call falls to the
/// operator queue and the trace says why: an unknown state never drops a call.
/// </summary>
public sealed partial class AcdRouter(RoutingPolicyProvider policies, RoutingDirectoryCache directory, AgentStateBoard agents, QueueTracker queues,
    IOptions<AcdOptions> options, TimeProvider time, AcdMetrics metrics, ILogger<AcdRouter> logger, DialPlan? dialPlan = null) : ICallRouter
{
    /// <summary>The rule name of a decision the router could not make normally.</summary>
    public const string FallbackRule = "fallback";

    private const int MaxDepth = 4;
    private readonly Dictionary<string, int> _roundRobin = new(StringComparer.OrdinalIgnoreCase);
    private readonly AgentStateBoard _agents = agents;
    private readonly QueueTracker _queues = queues;
    private readonly TimeProvider _time = time;
    private readonly IOptions<AcdOptions> _options = options;

    /// <inheritdoc />
    public ValueTask<CallRoute> RouteAsync(CallRouteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decision = Decide(request.CallId, request.CallerNumberE164, request.DialedNumber, request.MenuChoice, request.Tried, live: true);
        return ValueTask.FromResult(decision.ToCallRoute());
    }

    /// <inheritdoc />
    public void Complete(Guid callId, string? answeredBy)
    {
        if (_queues.Complete(callId, answeredBy is not null) is { } queue && answeredBy is null)
        {
            metrics.Abandoned(queue);
        }
    }

    /// <inheritdoc />
    /// <remarks>Only to a number the dial plan allows: a spoofed premium caller ID must not make us call it back (issue #16).</remarks>
    public bool RequestCallback(Guid callId, string queue, string number)
    {
        if (!CanCallBack(number))
        {
            LogCallbackRefused(queue, number);
            return false;
        }

        return _queues.ConvertToCallback(callId, number);
    }

    /// <summary>Whether <paramref name="callerE164"/> may be called back (a number the dial plan allows).</summary>
    public bool CanCallBack(string? callerE164) => callerE164 is not null && (dialPlan?.Check(callerE164).IsAllowed ?? true);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback from queue {Queue} to {Number} refused: the dial plan does not allow the number")]
    private partial void LogCallbackRefused(string queue, string number);

    /// <summary>What would happen to a call from <paramref name="callerE164"/> to <paramref name="dialed"/> now (nothing is reserved or queued).</summary>
    public RoutingDecision Explain(string? callerE164, string dialed, string? menuChoice) =>
        Decide(Guid.Empty, callerE164, dialed, menuChoice, [], live: false);

    /// <summary>
    /// "Transfer to the client's manager": the assigned manager, for key clients the other key-account managers,
    /// then the head of the client's department, each skipped when absent like a routed call; the agent now on the
    /// call is not a candidate. <see cref="RoutingDecision.WouldOffer"/> is the one to ring, null when nobody can.
    /// </summary>
    public RoutingDecision ResolveManager(string? callerE164, string? currentAgent)
    {
        var active = policies.Current;
        var snapshot = directory.Current ?? RoutingDirectory.Empty;
        var client = snapshot.TryFindClient(callerE164, out var found) ? found : null;
        IReadOnlyList<string> chain = string.Equals(client?.TypeCode, "key", StringComparison.OrdinalIgnoreCase)
            ? ["assigned-manager", "key-account-managers", "client-department-head"]
            : ["assigned-manager", "client-department-head"];
        var evaluation = new Evaluation(this, active, snapshot, Guid.Empty, callerE164, "", null, currentAgent is null ? [] : [currentAgent], live: false);
        return evaluation.RunChain("client-manager", chain, null, lastResort: false);
    }

    /// <summary>Decides for one call; <paramref name="live"/> false explains without entering queues.</summary>
    public RoutingDecision Decide(Guid callId, string? callerE164, string dialed, string? menuChoice, IReadOnlyList<string> tried, bool live)
    {
        var started = Stopwatch.GetTimestamp();
        var active = policies.Current;
        RoutingDecision decision;
        var fallback = false;
        try
        {
            var snapshot = directory.Current;
            if (snapshot is null)
            {
                fallback = true;
                decision = Fallback(callId, active, tried, live, "client data unavailable (CRM not reachable yet)");
            }
            else
            {
                decision = new Evaluation(this, active, snapshot, callId, callerE164, dialed, menuChoice, tried, live).Run();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogDecisionFailed(logger, ex, callId);
            fallback = true;
            decision = Fallback(callId, active, tried, live, "routing failed: " + ex.Message);
        }

        metrics.Decided(decision.Rule, Stopwatch.GetElapsedTime(started), fallback);
        return decision;
    }

    private RoutingDecision Fallback(Guid callId, ActivePolicy active, IReadOnlyList<string> tried, bool live, string why)
    {
        var evaluation = new Evaluation(this, active, RoutingDirectory.Empty, callId, null, "", null, tried, live);
        return evaluation.RunChain(FallbackRule, ["queue:" + _options.Value.FallbackQueue], why);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing call {CallId} failed; it falls to the operator queue")]
    private static partial void LogDecisionFailed(ILogger logger, Exception exception, Guid callId);
}
