using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Calls;
using ContactCenter.CallEngine.Events;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Ports;
using ContactCenter.Sessions;
using ContactCenter.TestKit.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>
/// The call engine as the host composes it, over the fake session port and phone directory on a fake clock, with its
/// media relay on a few 127.0.0.1 ports: service number 5000 routes to the operator pool (1001 unless told otherwise).
/// </summary>
internal sealed class CallRig : IAsyncDisposable
{
    public const string ServiceNumber = "5000";

    private readonly ServiceProvider _provider;
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-rig-").FullName;

    public CallRig(params string[] operators)
        : this((CallEngine.Dialing.ITrunkPlan?)null, operators)
    {
    }

    /// <summary>A rig whose trunks (outbound choice, DIDs) are <paramref name="trunks"/> rather than the configured one.</summary>
    public CallRig(CallEngine.Dialing.ITrunkPlan? trunks, params string[] operators)
        : this(trunks, null, null, operators)
    {
    }

    /// <summary>A rig whose calls are routed by <paramref name="router"/> (e.g. a ring-all group) rather than the operator pool.</summary>
    public CallRig(CallEngine.Routing.ICallRouter router, params string[] operators)
        : this(null, null, router, operators)
    {
    }

    /// <summary>A rig with further settings (<paramref name="extra"/>, e.g. recording on).</summary>
    public CallRig(CallEngine.Dialing.ITrunkPlan? trunks, IReadOnlyDictionary<string, string?>? extra, params string[] operators)
        : this(trunks, extra, null, operators)
    {
    }

    /// <summary>A rig routed by <paramref name="router"/> with further settings (<paramref name="extra"/>).</summary>
    public CallRig(IReadOnlyDictionary<string, string?> extra, CallEngine.Routing.ICallRouter router, params string[] operators)
        : this(null, extra, router, operators)
    {
    }

    private CallRig(CallEngine.Dialing.ITrunkPlan? trunks, IReadOnlyDictionary<string, string?>? extra, CallEngine.Routing.ICallRouter? router,
        string[] operators)
    {
        var first = 30_000 + (16 * Random.Shared.Next(0, 2_000));
        var settings = new Dictionary<string, string?>
        {
            ["Sip:Rtp:PortMin"] = first.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sip:Rtp:PortMax"] = (first + 15).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sip:Rtp:RtcpInterval"] = "00:00:00",
            [$"Sip:ServiceNumbers:{ServiceNumber}:Mode"] = "Route",
            ["Sip:Recording:Enabled"] = "false",
            ["Sip:Announcements:BaseDirectory"] = _folder,
            ["Sip:Trunk:Address"] = "127.0.0.1",
            ["Sip:Trunk:CallerId"] = "+74950000000",
            ["Sip:Trunk:AllowedDestinations:0"] = @"^\+7[0-9]{10}$",
            ["Sip:Calls:CheckStateOwner"] = "true",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var pool = operators.Length == 0 ? ["1001"] : operators;
        for (var i = 0; i < pool.Length; i++)
        {
            settings[$"Sip:Calls:Operators:{i}"] = pool[i];
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(Log))
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<ILegSessionPort>(Port)
            .AddSingleton<ILegArrivals>(Port)
            .AddSingleton<IPhoneDirectory>(Phones)
            .AddSingleton<ICallEventPublisher>(Events)
            .AddSingleton<ICallerNumberNormalizer>(new PlusNumbers());
        if (trunks is not null)
        {
            services.AddSingleton(trunks);
        }

        if (router is not null)
        {
            services.AddSingleton(router);
        }

        services.AddCallEngine(config);
        _provider = services.BuildServiceProvider();
        Manager = _provider.GetRequiredService<CallManager>();
        Agents = _provider.GetRequiredService<AgentActivity>();
        Supervisors = _provider.GetRequiredService<Supervision.CallSupervisors>();
        Ports = _provider.GetRequiredService<RtpPortAllocator>();
    }

    /// <summary>The folder the rig's announcements and recordings go to (deleted at the end).</summary>
    public string Folder => _folder;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    public FakeLegSessionPort Port { get; } = new();

    public FakePhoneDirectory Phones { get; } = new();

    public RecordingCallEvents Events { get; } = new();

    public CallManager Manager { get; }

    public AgentActivity Agents { get; }

    public Supervision.CallSupervisors Supervisors { get; }

    /// <summary>The media relay's RTP ports (every call gives its ports back).</summary>
    public RtpPortAllocator Ports { get; }

    /// <summary>What the engine logged with an exception.</summary>
    public CapturingLoggerProvider Log { get; } = new();

    /// <summary>A trunk call from <paramref name="caller"/> to the service number, with the caller's offer (null: a late offer).</summary>
    public FakeLeg TrunkCall(string caller = "+4930123456", bool lateOffer = false) =>
        Port.Arrive(new LegOffered(caller, ServiceNumber, lateOffer ? null : TestSdp.Audio(40_000), null));

    /// <summary>An agent's phone calls another extension.</summary>
    public FakeLeg InternalCall(string agent, string extension) =>
        Port.Arrive(new LegOffered(agent, extension, TestSdp.Audio(40_010), agent) { DialedIsExtension = true });

    /// <summary>A trunk call answered by <paramref name="agent"/>: the caller's leg, the agent's leg and the call's id.</summary>
    public (FakeLeg Caller, FakeLeg Agent, Guid CallId) AnsweredCall(string agent = "1001")
    {
        Phones.Register(agent);
        var caller = TrunkCall();
        var callee = Port.WaitForPlaced(agent);
        callee.PeerAnswers(TestSdp.Audio(40_020));
        caller.WaitForCommand("answer");
        return (caller, callee, Events.WaitFor<CallAnswered>().CallId);
    }

    /// <summary>Waits until the engine has no live call (the end of a call's clean-up).</summary>
    public void WaitForNoCalls() => FakeLeg.WaitUntil(() => Manager.GetCalls().Count == 0 ? this : null, "no live calls");

    /// <summary>
    /// Waits until <paramref name="extension"/> has no call counted: a withdrawn offer gives the slot back when its leg
    /// reports the end, which may come just after the call is gone.
    /// </summary>
    public void WaitForAgentFreed(string extension) =>
        FakeLeg.WaitUntil(() => Agents.GetCallCount(extension) == 0 ? this : null, $"agent {extension} freed");

    /// <summary>Waits until every RTP port is back in the pool (nothing leaked).</summary>
    public void WaitForPortsReturned() => FakeLeg.WaitUntil(() => Ports.InUse == 0 ? this : null, $"every RTP port returned (in use: {Ports.InUse})");

    public async ValueTask DisposeAsync()
    {
        await Manager.HangUpAllAsync("test over");
        await _provider.DisposeAsync();
        Directory.Delete(_folder, recursive: true);

        // Architecture, checked by every lifecycle test: a call's state is only touched from the call's own loop.
        var stray = Log.Exceptions.FirstOrDefault(e => e.Message.Contains("outside the call's loop", StringComparison.Ordinal));
        Assert.True(stray is null, $"A call's state was touched off its loop: {stray}");
    }

    private sealed class PlusNumbers : ICallerNumberNormalizer
    {
        public string? TryNormalize(string number) => number.StartsWith('+') ? number : null;
    }
}
