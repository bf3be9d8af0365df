using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.Transport;

/// <summary>Registers the SIP transport.</summary>
public static class SipTransportServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SipTransport"/> as a singleton, as <see cref="ISipTransport"/> and as a hosted service,
    /// with <see cref="SipTransportOptions"/> bound from <c>Sip:Transport</c> and checked at start-up. An
    /// <see cref="ISipMessageHandler"/> must be registered too (the transaction layer); it is resolved on the
    /// first received message, so it may itself depend on <see cref="ISipTransport"/>.
    /// </summary>
    public static IServiceCollection AddSipTransport(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<SipTransportOptions>().Bind(config.GetSection(SipTransportOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SipTransportMetrics>();
        services.TryAddSingleton(sp => new SipTransport(
            sp.GetRequiredService<IOptions<SipTransportOptions>>(),
            new DeferredSipMessageHandler(sp),
            sp.GetRequiredService<SipTransportMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<ISipTransport>(sp => sp.GetRequiredService<SipTransport>());
        services.TryAddSingleton<ISipConnectionHolds>(sp => sp.GetRequiredService<SipTransport>());
        services.AddHostedService(sp => sp.GetRequiredService<SipTransport>());
        return services;
    }
}
