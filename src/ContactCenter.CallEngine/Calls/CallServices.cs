using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Events;
using ContactCenter.CallEngine.Media;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Media.Relay;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Registration;
using ContactCenter.Sip.UserAgents.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.CallEngine.Calls;

/// <summary>What every call uses: the SIP layers, the relay, the router, the event sink, options and clock.</summary>
internal sealed class CallServices(
    DialogManager dialogs,
    SipTransactionLayer transactions,
    ISipTransport transport,
    MediaRelay relay,
    ClientInviteSessions legs,
    AnnouncementLibrary announcements,
    ICallRouter router,
    ICallEventPublisher events,
    AgentActivity agents,
    LocationService locations,
    IOptionsMonitor<CallEngineOptions> options,
    IOptionsMonitor<CallOptions> calls,
    TimeProvider time,
    ILogger<Call> logger,
    CallEngineMetrics metrics)
{
    public DialogManager Dialogs { get; } = dialogs;

    public SipTransactionLayer Transactions { get; } = transactions;

    public ISipTransport Transport { get; } = transport;

    public MediaRelay Relay { get; } = relay;

    /// <summary>The session layer's client side: places the legs the engine offers (until every leg goes through the port).</summary>
    public ClientInviteSessions Legs { get; } = legs;

    public AnnouncementLibrary Announcements { get; } = announcements;

    public ICallRouter Router { get; } = router;

    public ICallEventPublisher Events { get; } = events;

    public AgentActivity Agents { get; } = agents;

    public LocationService Locations { get; } = locations;

    public CallEngineOptions Options => options.CurrentValue;

    public CallOptions Calls => calls.CurrentValue;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public CallEngineMetrics Metrics { get; } = metrics;

    /// <summary>The session timers we ask for and accept (RFC 4028), from <see cref="Calls"/>.</summary>
    public SessionTimerPolicy SessionTimers => new(Calls.SessionExpires, Calls.MinSE);

    /// <summary>A session timer for one leg of call <paramref name="callId"/>: refreshes with the leg's SDP, calls <paramref name="expired"/> on expiry.</summary>
    public LegSessionTimer CreateSessionTimer(Guid callId, SipDialog dialog, LegMedia media, bool peerAllowsUpdate, Action<string> expired) =>
        SessionRefresh.CreateTimer(Dialogs, Time, dialog, () => media.Local, peerAllowsUpdate, SessionTimers,
            ex => Logger.SendFailed(ex, callId, "session refresh"), expired);

    /// <summary>BYE in <paramref name="dialog"/> when confirmed; a failed send is logged against <paramref name="callId"/> (the call ends anyway).</summary>
    public Task ByeQuietlyAsync(SipDialog dialog, Guid callId) =>
        SessionRequests.ByeQuietlyAsync(Dialogs, dialog, ex => Logger.SendFailed(ex, callId, "BYE"));
}
