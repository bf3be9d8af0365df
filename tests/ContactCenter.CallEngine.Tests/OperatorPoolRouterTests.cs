using System.Diagnostics.Metrics;
using System.Net;
using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.UserAgents;
using ContactCenter.Sip.UserAgents.Registration;
using ContactCenter.Sip.UserAgents.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.CallEngine.Tests;

public sealed class OperatorPoolRouterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly LocationService _locations;
    private readonly AgentActivity _activity;

    public OperatorPoolRouterTests()
    {
        var metrics = new UserAgentsMetrics(_services.GetRequiredService<IMeterFactory>());
        _locations = new LocationService(_time, Options.Create(new RegistrarOptions { Realm = "contactcenter" }), NullLogger<LocationService>.Instance, metrics);
        _activity = new AgentActivity(_time);
    }

    public void Dispose()
    {
        _locations.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Route_NobodyHadACall_OperatorsInConfiguredOrder()
    {
        Register("1001", "1002", "1003");

        var route = await Route(limit: 1);

        Assert.Equal(["1001", "1002", "1003"], route.Targets);
        Assert.All(route.Steps, s => Assert.StartsWith("available", s.Verdict, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Route_UnregisteredOperator_SkippedWithReason()
    {
        Register("1001", "1003");

        var route = await Route(limit: 1);

        Assert.Equal(["1001", "1003"], route.Targets);
        Assert.Contains(new RoutingStep("1002", "not registered"), route.Steps);
    }

    [Fact]
    public async Task Route_OperatorAtCallLimit_SkippedAsBusy()
    {
        Register("1001", "1002", "1003");
        Assert.True(_activity.TryReserve("1001", limit: 1));

        var route = await Route(limit: 1);

        Assert.Equal(["1002", "1003"], route.Targets);
        Assert.Contains(new RoutingStep("1001", "busy on another call"), route.Steps);
    }

    [Fact]
    public async Task Route_NoCallLimit_BusyOperatorStillOffered()
    {
        Register("1001");
        Assert.True(_activity.TryReserve("1001", limit: 0));

        var route = await Route(limit: 0);

        Assert.Equal(["1001"], route.Targets);
    }

    [Fact]
    public async Task Route_AfterCalls_LongestIdleFirst()
    {
        Register("1001", "1002", "1003");
        Talk("1003");
        _time.Advance(TimeSpan.FromMinutes(1));
        Talk("1001");
        _time.Advance(TimeSpan.FromMinutes(1));

        var route = await Route(limit: 1);

        // 1002 never had a call; 1003 has been idle longer than 1001.
        Assert.Equal(["1002", "1003", "1001"], route.Targets);
    }

    [Fact]
    public async Task Route_AlreadyTriedForThisCall_NotOfferedAgain()
    {
        Register("1001", "1002");

        var route = await Route(limit: 1, tried: ["1001"]);

        Assert.Equal(["1002"], route.Targets);
        Assert.Contains(new RoutingStep("1001", "already tried"), route.Steps);
    }

    [Fact]
    public async Task Route_TraceJson_NamesRuleTargetsAndEveryStep()
    {
        Register("1002");

        var json = (await Route(limit: 1)).ToTraceJson();

        Assert.Contains("\"rule\":\"operator-pool\"", json, StringComparison.Ordinal);
        Assert.Contains("\"targets\":[\"1002\"]", json, StringComparison.Ordinal);
        Assert.Contains("{\"extension\":\"1001\",\"verdict\":\"not registered\"}", json, StringComparison.Ordinal);
    }

    private void Talk(string extension)
    {
        Assert.True(_activity.TryReserve(extension, limit: 1));
        _activity.Release(extension, talked: true);
    }

    private void Register(params string[] extensions)
    {
        var port = 5070;
        foreach (var extension in extensions)
        {
            port++;
            _locations.Update(extension, "reg-" + extension, 1,
                [new BindingRequest(SipNameAddress.Parse($"<sip:{extension}@127.0.0.1:{port}>"), TimeSpan.FromMinutes(30))],
                new SipEndPointInfo("UDP", IPAddress.Loopback, port));
        }
    }

    private ValueTask<CallRoute> Route(int limit, IReadOnlyList<string>? tried = null)
    {
        var options = Options.Create(new CallOptions { Operators = ["1001", "1002", "1003"], AgentCallLimit = limit });
        var router = new OperatorPoolRouter(options, new RegisteredPhones(_locations), _activity);
        return router.RouteAsync(new CallRouteRequest(Guid.NewGuid(), "84951000001", "+74951000001", "7000", null, tried ?? []), CancellationToken.None);
    }
}
