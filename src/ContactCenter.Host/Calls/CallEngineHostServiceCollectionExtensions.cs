using ContactCenter.Sip.UserAgents;
using System.Net;
using ContactCenter.Acd;
using ContactCenter.Acd.Agents;
using ContactCenter.Acd.Configuration;
using ContactCenter.Acd.Directory;
using ContactCenter.Acd.Policy;
using ContactCenter.Acd.Queues;
using ContactCenter.CallEngine;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Events;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Crm.Dialing;
using ContactCenter.Host.Calls.Recovery;
using ContactCenter.Host.Calls.Spool;
using ContactCenter.Host.Routing;
using ContactCenter.Host.Sip.Trunks;
using ContactCenter.CallEngine.Calls;
using ContactCenter.Sessions;
using ContactCenter.Sip.Transactions.Timing;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Admission;
using ContactCenter.Sip.UserAgents.Core;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Recovery;
using ContactCenter.Sip.UserAgents.Registration;
using ContactCenter.Sip.UserAgents.Sessions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Calls;

/// <summary>Composes the call engine and the ACD with the host's adapters: events to the bus, caller numbers by PhoneNumbers, the CRM's directory and policy store.</summary>
public static class CallEngineHostServiceCollectionExtensions
{
    private static string RecoveryFolder(IServiceProvider sp)
    {
        var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return sp.GetRequiredService<IOptions<RecoveryOptions>>().Value.Directory is { Length: > 0 } configured
            ? Path.Combine(root, configured)
            : Path.Combine(root, sp.GetRequiredService<IOptions<CallEventSpoolOptions>>().Value.Directory, "recovery");
    }

    private static RunJournal RecoveryJournal(IServiceProvider sp, string kind) =>
        new(Path.Combine(RecoveryFolder(sp), kind), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<RunJournal>());

    /// <summary>Adds the call engine; announcement paths are taken from the sip-config folder.</summary>
    public static IServiceCollection AddCallEngineHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallEventSpoolOptions>().Bind(configuration.GetSection(CallEventSpoolOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallEventSpoolMetrics>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CallEventSpoolOptions>>().Value;
            var directory = Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, options.Directory);
            var cursors = sp.GetServices<Lanes.ICallEventLane>().Select(lane => lane.Name).ToList();
            return CallEventSpool.Open(directory, options.SegmentBytes, sp.GetRequiredService<ILoggerFactory>().CreateLogger<CallEventSpool>(), cursors,
                options.MemoryBytes);
        });
        services.AddSingleton(sp => new SpooledCallEventPublisher(sp.GetRequiredService<CallEventSpool>(), sp.GetServices<Lanes.ICallEventLane>(),
            sp.GetServices<Lanes.ILiveCallEventListener>(), sp.GetRequiredService<IOptions<CallEventSpoolOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<CallEventSpoolMetrics>(), sp.GetRequiredService<ILogger<SpooledCallEventPublisher>>()));
        services.AddHostedService(sp => sp.GetRequiredService<SpooledCallEventPublisher>());

        // Crash recovery (issue #15): open calls and confirmed dialogs journaled, ended at the next start.
        services.AddOptions<RecoveryOptions>().Bind(configuration.GetSection(RecoveryOptions.Section));
        // The journals are the container's, so it finishes their queued file work when the host stops.
        services.AddKeyedSingleton("calls", (sp, _) => RecoveryJournal(sp, "calls"));
        services.AddKeyedSingleton("dialogs", (sp, _) => RecoveryJournal(sp, "dialogs"));
        services.AddSingleton(sp => new OpenCallsJournal(sp.GetRequiredService<SpooledCallEventPublisher>(), sp.GetRequiredKeyedService<RunJournal>("calls"),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICallEventPublisher>(sp => sp.GetRequiredService<OpenCallsJournal>());
        services.AddSingleton(sp => new OrphanByeRetry(sp.GetRequiredService<LocationService>(), sp.GetRequiredService<DialogManager>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OrphanByeRetry>>()));
        services.AddSingleton(sp => new DialogJournalFolder(sp.GetRequiredKeyedService<RunJournal>("dialogs"), sp.GetRequiredService<ILogger<DialogJournalFolder>>(),
            sp.GetRequiredService<OrphanByeRetry>(), sp.GetRequiredService<IOptions<RecoveryOptions>>().Value.ReconnectWindow));
        services.AddHostedService<CrashRecovery>();
        // The registrar's bindings survive a restart: phones stay reachable without waiting for their next refresh.
        services.AddSingleton(sp => new BindingStore(sp.GetRequiredService<LocationService>(), Path.Combine(RecoveryFolder(sp), "registrations.json"),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BindingStore>>()));
        services.AddHostedService<RegistrationRecovery>();
        services.AddSingleton<ICallerNumberNormalizer, PhoneNumberCallerNormalizer>();
        // Call lists and dispatch place their calls through the engine.
        services.AddSingleton<IOutboundDialer, CallEngineOutboundDialer>();
        // Softphone dial-outs (and every other outbound call) to clients who asked not to be called are refused.
        services.AddSingleton<CallEngine.Dialing.IDoNotCallCheck, CrmDoNotCallCheck>();
        services.PostConfigure<AnnouncementOptions>(o => o.BaseDirectory ??= configuration["SipConfig:Directory"]);
        // The recordings page serves and the retention job deletes only files inside the engine's recording folder.
        services.PostConfigure<Crm.Recordings.RecordingOptions>(o => o.Directory ??= Path.GetFullPath(
            configuration[$"{RecordingOptions.Section}:{nameof(RecordingOptions.Directory)}"] ?? new RecordingOptions().Directory));

        // The SIP session layer is the engine's session port: arriving calls reach the engine through it, placed legs leave by it.
        // Issue #17: trunks as data - the configured trunk and the database's, from an in-memory snapshot.
        services.AddSingleton<TrunkCatalog>();
        services.AddSingleton<CallEngine.Dialing.ITrunkPlan>(sp => sp.GetRequiredService<TrunkCatalog>());
        services.AddSingleton<TrunkRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<TrunkRefresher>());
        services.AddSingleton(sp => new SessionLayerSettings(
            () => sp.GetRequiredService<TrunkCatalog>().Configured?.ToPeer(),
            () => sp.GetRequiredService<IOptionsMonitor<CallOptions>>().CurrentValue is var calls ? new SessionTimerPolicy(calls.SessionExpires, calls.MinSE) : default,
            () => sp.GetRequiredService<IOptionsMonitor<CallOptions>>().CurrentValue.ContactUser)
        {
            // Issue #17: the carrier's digest challenges to the calls we place on the trunk are answered with these.
            TrunkCredentials = () => sp.GetRequiredService<IOptionsMonitor<CallEngineOptions>>().CurrentValue.Trunk is
                { AuthUser: { Length: > 0 } user, Password: { } password } trunk
                ? new TrunkCredentials(user, password, trunk.Realm)
                : null,
            Trunks = () => sp.GetRequiredService<TrunkCatalog>().Peers(),
            // Issue #17: remote agents that must use TLS and SRTP (Sip:Extensions:N:RequireTlsAndSrtp, Sip:Registrar:SecureExtensions).
            SecureExtension = extension => sp.GetRequiredService<IOptions<RegistrarOptions>>().Value.SecureExtensions.Contains(extension),
            // Issue #17: the public media address (Sip:Rtp:PublicAddress) only for legs on a listener with a public address.
            PublicMedia = protocol => sp.GetRequiredService<IOptions<SipTransportOptions>>().Value is var transport
                && (!transport.HasPublicAddress || transport.PublicAddressFor(protocol) is not null),
        });
        services.AddSingleton<LegDirectory>();
        services.AddSingleton<IPhoneDirectory>(sp => ActivatorUtilities.CreateInstance<RegisteredPhones>(sp));
        // Issue #14: the sessions' per-call timers (ring timeout, RFC 4028 session timers, RFC 3262 retransmissions) in
        // the transactions' timer wheel rather than a system timer (and its timer-queue lock) each.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ServerInviteSessions>(sp, (TimeProvider)sp.GetRequiredService<SipTimerWheel>()));
        services.AddSingleton<ILegArrivals>(sp => sp.GetRequiredService<ILegSessionPort>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClientInviteSessions>(sp, (TimeProvider)sp.GetRequiredService<SipTimerWheel>()));
        services.AddSingleton<ILegSessionPort>(sp => new SipLegSessionPort(sp.GetRequiredService<ServerInviteSessions>(), sp.GetRequiredService<ClientInviteSessions>()));

        // The ACD routes the engine's calls, reading the CRM through the host's adapters.
        services.AddSingleton<IRoutingDirectorySource, CrmRoutingDirectorySource>();
        services.AddSingleton<IRoutingPolicyStore, CrmRoutingPolicyStore>();
        services.AddSingleton<IAgentStateStore, CrmAgentStateStore>();
        services.AddSingleton<ICallbackStore, CrmCallbackStore>();
        services.AddSingleton<Crm.Reports.IServiceLevelThresholds, PolicyServiceLevelThresholds>();
        services.AddSingleton<IExtensionCatalog, SipExtensionCatalog>();
        services.PostConfigure<AcdOptions>(o => o.BaseDirectory ??= configuration["SipConfig:Directory"]);
        services.AddAcd(configuration);

        // Graceful stop: new INVITEs refused while live calls finish (the handler goes in before the engine's own).
        services.AddOptions<DrainOptions>().Bind(configuration.GetSection(DrainOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallDrainState>();
        // Admission control (issue #15): calls in progress and INVITE rates capped, 503 + Retry-After beyond them.
        services.AddOptions<AdmissionOptions>().Bind(configuration.GetSection(AdmissionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new InviteAdmission(sp.GetRequiredService<IOptionsMonitor<AdmissionOptions>>(), sp.GetRequiredService<TimeProvider>(),
            () => sp.GetRequiredService<CallManager>().LiveCallCount));
        services.AddSingleton<ISessionRequestHandler>(sp =>
        {
            // The engine takes arriving calls from the session layer before the first INVITE can reach it.
            sp.GetRequiredService<CallManager>();
            var admitted = ActivatorUtilities.CreateInstance<AdmittingSessionRequestHandler>(sp, sp.GetRequiredService<ServerInviteSessions>());
            return ActivatorUtilities.CreateInstance<DrainingSessionRequestHandler>(sp, (ISessionRequestHandler)admitted);
        });
        var drain = configuration.GetSection(DrainOptions.Section).Get<DrainOptions>() ?? new DrainOptions();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = drain.Timeout + TimeSpan.FromSeconds(30));
        services.AddCallEngine(configuration);
        services.AddHostedService<CallDrain>(); // after the engine: stopped before it
        return services;
    }
}
