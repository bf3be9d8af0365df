using ContactCenter.CallEngine;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Events;
using ContactCenter.CallEngine.Routing;

namespace ContactCenter.Host.Calls;

/// <summary>Composes the call engine with the host's adapters: events to the bus, caller numbers by PhoneNumbers.</summary>
public static class CallEngineHostServiceCollectionExtensions
{
    /// <summary>Adds the call engine; announcement paths are taken from the sip-config folder.</summary>
    public static IServiceCollection AddCallEngineHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BusCallEventPublisher>();
        services.AddSingleton<ICallEventPublisher>(sp => sp.GetRequiredService<BusCallEventPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<BusCallEventPublisher>());
        services.AddSingleton<ICallerNumberNormalizer, PhoneNumberCallerNormalizer>();
        services.PostConfigure<AnnouncementOptions>(o => o.BaseDirectory ??= configuration["SipConfig:Directory"]);
        services.AddCallEngine(configuration);
        return services;
    }
}
