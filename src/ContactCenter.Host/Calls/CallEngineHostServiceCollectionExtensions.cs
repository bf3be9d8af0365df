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
using ContactCenter.Host.Routing;

namespace ContactCenter.Host.Calls;

/// <summary>Composes the call engine and the ACD with the host's adapters: events to the bus, caller numbers by PhoneNumbers, the CRM's directory and policy store.</summary>
public static class CallEngineHostServiceCollectionExtensions
{
    /// <summary>Adds the call engine; announcement paths are taken from the sip-config folder.</summary>
    public static IServiceCollection AddCallEngineHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BusCallEventPublisher>();
        services.AddSingleton<ICallEventPublisher>(sp => sp.GetRequiredService<BusCallEventPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<BusCallEventPublisher>());
        services.AddSingleton<ICallerNumberNormalizer, PhoneNumberCallerNormalizer>();
        // Call lists and dispatch place their calls through the engine.
        services.AddSingleton<IOutboundDialer, CallEngineOutboundDialer>();
        services.PostConfigure<AnnouncementOptions>(o => o.BaseDirectory ??= configuration["SipConfig:Directory"]);

        // The ACD routes the engine's calls, reading the CRM through the host's adapters.
        services.AddSingleton<IRoutingDirectorySource, CrmRoutingDirectorySource>();
        services.AddSingleton<IRoutingPolicyStore, CrmRoutingPolicyStore>();
        services.AddSingleton<IAgentStateStore, CrmAgentStateStore>();
        services.AddSingleton<ICallbackStore, CrmCallbackStore>();
        services.AddSingleton<IExtensionCatalog, SipExtensionCatalog>();
        services.PostConfigure<AcdOptions>(o => o.BaseDirectory ??= configuration["SipConfig:Directory"]);
        services.AddAcd(configuration);
        services.AddCallEngine(configuration);
        return services;
    }
}
