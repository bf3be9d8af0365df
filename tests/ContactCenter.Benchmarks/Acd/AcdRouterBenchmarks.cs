using System.Diagnostics.Metrics;
using System.Net;
using BenchmarkDotNet.Attributes;
using ContactCenter.Acd;
using ContactCenter.Acd.Agents;
using ContactCenter.Acd.Configuration;
using ContactCenter.Acd.Directory;
using ContactCenter.Acd.Policy;
using ContactCenter.Acd.Queues;
using ContactCenter.Acd.Routing;
using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.UserAgents;
using ContactCenter.Sip.UserAgents.Registration;
using ContactCenter.Sip.UserAgents.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Benchmarks.Acd;

/// <summary>
/// One routing decision for a call from a known client, client look-up included, as the engine asks for it
/// (<see cref="AcdRouter.Decide"/> with <c>live: true</c>): the default policy over a CRM of <see cref="Clients"/>
/// clients and 500 registered agents, one in ten of them on a call. The clock is the system's: a
/// <c>FakeTimeProvider</c> wakes its waiters on every read, and with one registration timer per phone that cost
/// would dwarf the router's.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AcdBenchmarkConfig))]
public class AcdRouterBenchmarks
{
    private readonly Guid _callId = Guid.NewGuid();
    private ServiceProvider? _services;
    private LocationService? _locations;
    private AgentPhones? _phones;
    private AgentStateBoard? _agents;
    private AcdMetrics? _metrics;
    private AcdRouter? _router;
    private string[] _keyCallers = [];
    private string[] _retailCallers = [];
    private int _next;

    [Params(100_000, 1_000_000)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var time = TimeProvider.System;
        var data = new SyntheticDirectory(Clients, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var directory = data.Build(time.GetUtcNow());
        (_keyCallers, _retailCallers) = (data.KeyCallers, data.RetailCallers);

        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _services.GetRequiredService<IMeterFactory>();
        _locations = new LocationService(time, Options.Create(new RegistrarOptions()), NullLogger<LocationService>.Instance, new UserAgentsMetrics(meters));
        var activity = new AgentActivity(time);
        _phones = new AgentPhones(new RegisteredPhones(_locations));
        // No wrap-up: the agents who had a call a moment ago in the set-up are free again, with different idle times.
        var options = Options.Create(new AcdOptions { PolicyFile = null, WrapUp = TimeSpan.Zero });
        var source = new StaticDirectorySource(directory);
        var cache = new RoutingDirectoryCache(source, options, time, NullLogger<RoutingDirectoryCache>.Instance);
        var policies = new RoutingPolicyProvider(new InMemoryPolicyStore(time), source, cache, options, time, NullLogger<RoutingPolicyProvider>.Instance);
        _agents = new AgentStateBoard(activity, _phones, cache, options, Options.Create(new CallOptions { AgentCallLimit = 1 }), time, new NullEventPublisher(),
            NullLogger<AgentStateBoard>.Instance);
        _metrics = new AcdMetrics(meters);
        _router = new AcdRouter(policies, cache, _agents, new QueueTracker(time), options, time, _metrics, NullLogger<AcdRouter>.Instance);

        if (!cache.RefreshAsync(CancellationToken.None).GetAwaiter().GetResult()
            || !policies.LoadAsync(CancellationToken.None).GetAwaiter().GetResult()
            || policies.Current.Policy.FindQueue(DefaultRoutingPolicy.OperatorQueue)?.Members.Count != SyntheticDirectory.Operators)
        {
            throw new InvalidOperationException("The ACD did not start: " + cache.LastError + " " + policies.Current.Source);
        }

        // The operator queue open around the clock: the figures must not depend on the hour the bench runs at.
        var open = policies.Current.Policy with { Queues = [.. policies.Current.Policy.Queues!.Select(q => q with { Hours = null })] };
        if (policies.SaveAsync(open, "bench", "always open", null, CancellationToken.None).GetAwaiter().GetResult().Saved is null)
        {
            throw new InvalidOperationException("The always-open policy was refused.");
        }

        var port = 10_000;
        foreach (var extension in directory.Staff.Keys.Order(StringComparer.Ordinal))
        {
            port++;
            _locations.Update(extension, "reg-" + extension, 1,
                [new BindingRequest(SipNameAddress.Parse($"<sip:{extension}@127.0.0.1:{port}>"), TimeSpan.FromHours(2))],
                new SipEndPointInfo("UDP", IPAddress.Loopback, port));
            // A working day so far: every other agent has had a call (idle times differ), one in ten is on a call now.
            if (port % 2 == 0)
            {
                activity.TryReserve(extension, 1);
                activity.Answered(extension);
                activity.Release(extension, talked: true);
            }

            if (port % 10 == 3)
            {
                activity.TryReserve(extension, 1);
                activity.Answered(extension);
            }
        }

        if (Decide(_keyCallers[0]).Rule != "key-client" || Decide(_retailCallers[0]) is not { Rule: "operator-queue", Targets.Count: > 300 })
        {
            throw new InvalidOperationException("The synthetic callers do not reach the rules measured.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _agents?.Dispose();
        _phones?.Dispose();
        _locations?.Dispose();
        _metrics?.Dispose();
        _services?.Dispose();
    }

    /// <summary>Key client: assigned manager, the 49 other key-account managers longest idle first, the head of wholesale.</summary>
    [Benchmark]
    public RoutingDecision KeyClient() => Decide(_keyCallers[_next++ & 4095]);

    /// <summary>Retail client: the operator queue, 400 members ordered longest idle first.</summary>
    [Benchmark]
    public RoutingDecision RetailClientOperatorQueue() => Decide(_retailCallers[_next++ & 4095]);

    private RoutingDecision Decide(string caller) => _router!.Decide(_callId, caller, "7000", null, [], live: true);
}
