using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Calls;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Dialing;
using ContactCenter.CallEngine.Media;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactCenter.CallEngine;

/// <summary>Registers the call engine.</summary>
public static class CallEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine (<see cref="CallManager"/>, taking arriving calls from the session port's <see cref="ILegArrivals"/>),
    /// the media relay, the announcement library, agent activity and, unless one is registered already, the
    /// operator-pool router. The host must register an <see cref="Events.ICallEventPublisher"/>, an
    /// <see cref="ICallerNumberNormalizer"/> and the session port (the SIP session layer); the SIP stack comes from its
    /// own registrations.
    /// </summary>
    public static IServiceCollection AddCallEngine(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<CallEngineOptions>().Bind(config.GetSection(CallEngineOptions.Section));
        services.AddOptions<CallOptions>().Bind(config.GetSection(CallOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnnouncementOptions>().Bind(config.GetSection(AnnouncementOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMediaRelay(config);
        services.AddOutboundGuard(config);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CallEngineMetrics>();
        services.TryAddSingleton<Media.RecordingVolume>();
        services.TryAddSingleton<AgentActivity>();
        services.TryAddSingleton<AgentPhones>();
        services.TryAddSingleton<AnnouncementLibrary>();
        services.TryAddSingleton<ICallRouter, OperatorPoolRouter>();
        services.TryAddSingleton<Dialing.ITrunkPlan, Dialing.ConfiguredTrunkPlan>();
        services.TryAddSingleton<CallServices>();
        services.TryAddSingleton(sp => new CallManager(
            sp.GetRequiredService<CallServices>(),
            sp.GetRequiredService<ICallerNumberNormalizer>(),
            sp.GetRequiredService<ILegArrivals>(),
            sp.GetService<OutboundGuard>()));
        services.TryAddSingleton<ICallPlacer>(sp => sp.GetRequiredService<CallManager>());
        services.TryAddSingleton(sp => new Supervision.CallSupervisors(sp.GetRequiredService<CallServices>(), sp.GetRequiredService<CallManager>()));
        services.AddHostedService<CallEngineShutdown>();
        return services;
    }
}
