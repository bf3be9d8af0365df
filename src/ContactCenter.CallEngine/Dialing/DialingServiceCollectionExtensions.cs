using ContactCenter.PhoneNumbers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactCenter.CallEngine.Dialing;

/// <summary>Registers the outbound gate (dial plan and per-extension limits).</summary>
public static class DialingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OutboundGuard"/> with <see cref="OutboundLimitOptions"/>, the <see cref="DialPlan"/> and, unless one
    /// is registered, an <see cref="IDoNotCallCheck"/> that allows every number.
    /// </summary>
    public static IServiceCollection AddOutboundGuard(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<OutboundLimitOptions>().Bind(config.GetSection(OutboundLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddPhoneNumbers(config);
        services.TryAddSingleton<IDoNotCallCheck, AllowAllNumbers>();
        services.TryAddSingleton<OutboundGuard>();
        return services;
    }
}
