using ContactCenter.Media.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Media.Relay;

/// <summary>Registers the media relay.</summary>
public static class MediaRelayServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MediaRelay"/>, <see cref="RtpPortAllocator"/> and <see cref="MediaMetrics"/> as singletons,
    /// with <see cref="MediaOptions"/> bound from <c>Sip:Rtp</c> and checked at start-up.
    /// </summary>
    public static IServiceCollection AddMediaRelay(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<MediaOptions>().Bind(config.GetSection(MediaOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MediaMetrics>();
        services.TryAddSingleton(sp => new RtpPortAllocator(sp.GetRequiredService<IOptions<MediaOptions>>().Value.PortRange, sp.GetRequiredService<MediaMetrics>()));
        services.TryAddSingleton<MediaRelay>();
        return services;
    }
}
