using ContactCenter.Sip.UserAgents.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Registration;

/// <summary>Registers the registrar, digest authentication and location service.</summary>
public static class RegistrarServiceCollectionExtensions
{
    /// <summary>The section listing users for the in-memory credential store (a list of <see cref="SipCredentialEntry"/>).</summary>
    public const string CredentialsSection = "Sip:Credentials";

    /// <summary>
    /// Adds <see cref="Registrar"/> and what it needs, with <see cref="RegistrarOptions"/> bound from
    /// <c>Sip:Registrar</c> and checked at start-up. An <see cref="ISipCredentialStore"/> registered
    /// earlier is kept; otherwise an <see cref="InMemorySipCredentialStore"/> is built from <c>Sip:Credentials</c>.
    /// </summary>
    public static IServiceCollection AddSipRegistrar(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<RegistrarOptions>().Bind(config.GetSection(RegistrarOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UserAgentsMetrics>();
        services.TryAddSingleton<ISipCredentialStore>(sp => new InMemorySipCredentialStore(
            sp.GetRequiredService<IOptions<RegistrarOptions>>().Value.Realm,
            config.GetSection(CredentialsSection).Get<List<SipCredentialEntry>>() ?? []));
        services.TryAddSingleton<DigestAuthenticator>();
        services.TryAddSingleton<AuthFailureLimiter>();
        services.TryAddSingleton<LocationService>();
        services.TryAddSingleton<Registrar>();
        return services;
    }
}
