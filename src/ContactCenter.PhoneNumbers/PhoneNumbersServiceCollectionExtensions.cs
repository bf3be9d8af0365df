using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactCenter.PhoneNumbers;

/// <summary>Registers phone-number normalization.</summary>
public static class PhoneNumbersServiceCollectionExtensions
{
    /// <summary>Adds <see cref="PhoneNumberNormalizer"/> (section <c>PhoneNumbers</c>) and <see cref="DialPlan"/> (section <c>DialPlan</c>).</summary>
    public static IServiceCollection AddPhoneNumbers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PhoneNumberOptions>()
            .Bind(configuration.GetSection(PhoneNumberOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<PhoneNumberNormalizer>();
        services.AddOptions<DialPlanOptions>().Bind(configuration.GetSection(DialPlanOptions.Section));
        services.TryAddSingleton<DialPlan>();
        return services;
    }
}
