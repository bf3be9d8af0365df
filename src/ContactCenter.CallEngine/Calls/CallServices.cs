using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Events;
using ContactCenter.CallEngine.Media;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.CallEngine.Calls;

/// <summary>What every call uses: the session port, the relay, the router, the event sink, options and clock.</summary>
internal sealed class CallServices(
    MediaRelay relay,
    ILegSessionPort legs,
    AnnouncementLibrary announcements,
    ICallRouter router,
    ICallEventPublisher events,
    AgentActivity agents,
    IPhoneDirectory phones,
    IOptionsMonitor<CallEngineOptions> options,
    IOptionsMonitor<CallOptions> calls,
    TimeProvider time,
    ILogger<Call> logger,
    CallEngineMetrics metrics,
    Dialing.ITrunkPlan trunks,
    Media.RecordingVolume recordings)
{
    /// <summary>The trunks: which carry a call to an outside number, and where a carrier's DIDs go.</summary>
    public Dialing.ITrunkPlan Trunks { get; } = trunks;

    public MediaRelay Relay { get; } = relay;

    /// <summary>The session port: places the legs the engine offers.</summary>
    public ILegSessionPort Legs { get; } = legs;

    public AnnouncementLibrary Announcements { get; } = announcements;

    public ICallRouter Router { get; } = router;

    public ICallEventPublisher Events { get; } = events;

    public AgentActivity Agents { get; } = agents;

    /// <summary>The agents' registered phones (the session port's view of the registrar).</summary>
    public IPhoneDirectory Phones { get; } = phones;

    public CallEngineOptions Options => options.CurrentValue;

    public CallOptions Calls => calls.CurrentValue;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public CallEngineMetrics Metrics { get; } = metrics;

    /// <summary>The recordings' volume: failed recordings counted and logged once, a full volume once.</summary>
    public Media.RecordingVolume Recordings { get; } = recordings;
}
