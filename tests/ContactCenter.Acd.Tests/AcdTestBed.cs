using ContactCenter.PhoneNumbers;
using System.Diagnostics.Metrics;
using System.Net;
using ContactCenter.Acd.Agents;
using ContactCenter.Acd.Configuration;
using ContactCenter.Acd.Directory;
using ContactCenter.Acd.Policy;
using ContactCenter.Acd.Queues;
using ContactCenter.Acd.Routing;
using ContactCenter.Acd.Tests.Fakes;
using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.UserAgents;
using ContactCenter.Sip.UserAgents.Registration;
using ContactCenter.Sip.UserAgents.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Acd.Tests;

/// <summary>
/// The ACD as the host wires it, over the demo directory: a real cache, policy provider, state board, queue tracker
/// and router; the registrar's location service and the engine's agent activity; a fake clock.
/// </summary>
internal sealed class AcdTestBed : IDisposable
{
    /// <summary>Monday 30 November 2026, 09:00 UTC: 12:00 in Moscow, the office is open.</summary>
    public static readonly DateTimeOffset MondayNoonMoscow = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    /// <summary>After-call work in the tests.</summary>
    public static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private uint _cseq = 1;

    private AcdTestBed(DateTimeOffset start, RoutingDirectory? directory, Action<AcdOptions>? configure, int agentCallLimit)
    {
        Time = new FakeTimeProvider(start);
        Options = new AcdOptions { WrapUp = WrapUp, MaxMissedOffers = 3, PolicyFile = RepositoryFiles.RoutingJson };
        configure?.Invoke(Options);
        var meters = _services.GetRequiredService<IMeterFactory>();
        Locations = new LocationService(Time, Microsoft.Extensions.Options.Options.Create(new RegistrarOptions { Realm = "contactcenter" }),
            NullLogger<LocationService>.Instance, new UserAgentsMetrics(meters));
        Activity = new AgentActivity(Time);
        Phones = new AgentPhones(new RegisteredPhones(Locations));
        Source = new FakeRoutingDirectorySource(directory);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Directory = new RoutingDirectoryCache(Source, options, Time, NullLogger<RoutingDirectoryCache>.Instance);
        Store = new FakeRoutingPolicyStore(Time);
        Policies = new RoutingPolicyProvider(Store, new FakeExtensionCatalog(DemoDirectory.Extensions), Directory, options, Time,
            NullLogger<RoutingPolicyProvider>.Instance);
        Agents = new AgentStateBoard(Activity, Phones, Directory, options, Microsoft.Extensions.Options.Options.Create(new CallOptions { AgentCallLimit = agentCallLimit }),
            Time, Events, NullLogger<AgentStateBoard>.Instance);
        Queues = new QueueTracker(Time);
        Metrics = new AcdMetrics(meters);
        Router = new AcdRouter(Policies, Directory, Agents, Queues, options, Time, Metrics, NullLogger<AcdRouter>.Instance,
            new DialPlan(new OptionsMonitorStub<DialPlanOptions>(new DialPlanOptions())));
    }

    public FakeTimeProvider Time { get; }

    public AcdOptions Options { get; }

    public LocationService Locations { get; }

    public AgentActivity Activity { get; }

    public AgentPhones Phones { get; }

    public FakeRoutingDirectorySource Source { get; }

    public RoutingDirectoryCache Directory { get; }

    public FakeRoutingPolicyStore Store { get; }

    public RoutingPolicyProvider Policies { get; }

    public RecordingEventPublisher Events { get; } = new();

    public AgentStateBoard Agents { get; }

    public QueueTracker Queues { get; }

    public AcdMetrics Metrics { get; }

    public AcdRouter Router { get; }

    /// <summary>
    /// The demo directory loaded, the policy seeded from sip-config/routing.json, every demo phone registered
    /// (unless <paramref name="registerAll"/> is false).
    /// </summary>
    public static async Task<AcdTestBed> StartAsync(DateTimeOffset? start = null, bool loadDirectory = true, bool loadPolicy = true,
        bool registerAll = true, IEnumerable<DirectoryStaff>? staff = null, Action<AcdOptions>? configure = null, int agentCallLimit = 1)
    {
        var now = start ?? MondayNoonMoscow;
        var bed = new AcdTestBed(now, loadDirectory ? DemoDirectory.Create(now, staff) : null, configure, agentCallLimit);
        if (loadDirectory)
        {
            Assert.True(await bed.Directory.RefreshAsync(CancellationToken.None));
        }

        if (loadPolicy)
        {
            Assert.True(await bed.Policies.LoadAsync(CancellationToken.None));
        }

        if (registerAll)
        {
            bed.Register([.. DemoDirectory.Extensions]);
        }

        return bed;
    }

    /// <summary>Decides for a new call (or <paramref name="callId"/>'s next attempt) as the engine asks.</summary>
    public RoutingDecision Decide(string? caller, string? menuChoice = null, IReadOnlyList<string>? tried = null, Guid? callId = null) =>
        Router.Decide(callId ?? Guid.NewGuid(), caller, "7000", menuChoice, tried ?? [], live: true);

    /// <summary>Puts <paramref name="policy"/> in force as an admin would; fails the test when it is rejected.</summary>
    public async Task UsePolicyAsync(RoutingPolicy policy)
    {
        var (saved, errors) = await Policies.SaveAsync(policy, "admin", "test", expectedVersion: null, CancellationToken.None);
        Assert.Empty(errors);
        Assert.NotNull(saved);
    }

    public void Register(params string[] extensions)
    {
        foreach (var extension in extensions)
        {
            var port = 20_000 + int.Parse(extension, System.Globalization.CultureInfo.InvariantCulture);
            var result = Locations.Update(extension, "reg-" + extension, _cseq++,
                [new BindingRequest(SipNameAddress.Parse($"<sip:{extension}@127.0.0.1:{port}>"), TimeSpan.FromHours(2))],
                new SipEndPointInfo("UDP", IPAddress.Loopback, port));
            Assert.Equal(BindingUpdateStatus.Applied, result.Status);
        }
    }

    public void Unregister(params string[] extensions)
    {
        foreach (var extension in extensions)
        {
            Locations.RemoveAll(extension, "reg-" + extension, _cseq++);
        }
    }

    /// <summary>The agent answered another call and is on it.</summary>
    public void OnCall(string extension)
    {
        Assert.True(Activity.TryReserve(extension, limit: 1));
        Activity.Answered(extension);
    }

    /// <summary>A call rings at the agent's phone.</summary>
    public void Ringing(string extension) => Assert.True(Activity.TryReserve(extension, limit: 1));

    /// <summary>The agent takes a call and hangs up now (wrap-up starts).</summary>
    public void Talk(string extension)
    {
        OnCall(extension);
        Activity.Release(extension, talked: true);
    }

    /// <summary>The agent's phone answers an offer and hangs up before the call is connected.</summary>
    public void AnswerAndLose(string extension)
    {
        Assert.True(Activity.TryReserve(extension, limit: 1));
        Activity.Answered(extension);
        Activity.Release(extension, talked: false, AgentActivity.HungUpAsItAnswered);
    }

    /// <summary>An offer to the agent fails with <paramref name="failure"/> (no answer, declined, busy).</summary>
    public void Miss(string extension, string failure)
    {
        Assert.True(Activity.TryReserve(extension, limit: 1));
        Activity.Release(extension, talked: false, failure);
    }

    /// <summary>Makes <paramref name="extension"/> unavailable the way <paramref name="how"/> names (an agent state).</summary>
    public void MakeUnavailable(string extension, string how)
    {
        switch (how)
        {
            case "unregistered":
                Unregister(extension);
                break;
            case "logged-out":
                Agents.SetChosenState(extension, AgentChosenState.LoggedOut, null, null, extension);
                break;
            case "break":
                Agents.SetChosenState(extension, AgentChosenState.Break, "lunch", null, extension);
                break;
            case "absent":
                Agents.SetChosenState(extension, AgentChosenState.Absent, "vacation", null, "admin");
                break;
            case "on-call":
                OnCall(extension);
                break;
            case "ringing":
                Ringing(extension);
                break;
            case "wrap-up":
                Talk(extension);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(how), how, "not a way to be unavailable");
        }
    }

    public void Dispose()
    {
        Agents.Dispose();
        Phones.Dispose();
        Locations.Dispose();
        Metrics.Dispose();
        Directory.Dispose();
        Policies.Dispose();
        _services.Dispose();
    }
}

/// <summary>Fixed options for components that watch for changes.</summary>
internal sealed class OptionsMonitorStub<T>(T value) : Microsoft.Extensions.Options.IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
