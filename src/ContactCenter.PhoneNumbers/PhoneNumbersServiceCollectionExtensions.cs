using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.PhoneNumbers;

/// <summary>Registers phone-number normalization.</summary>
public static class PhoneNumbersServiceCollectionExtensions
{
    /// <summary>Adds <see cref="PhoneNumberNormalizer"/> bound to the <c>PhoneNumbers</c> section.</summary>
    public static IServiceCollection AddPhoneNumbers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PhoneNumberOptions>()
            .Bind(configuration.GetSection(PhoneNumberOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<PhoneNumberNormalizer>();
        return services;
    }
}
