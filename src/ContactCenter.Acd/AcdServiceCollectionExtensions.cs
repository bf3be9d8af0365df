using ContactCenter.PhoneNumbers;
using ContactCenter.Acd.Agents;
using ContactCenter.Acd.Configuration;
using ContactCenter.Acd.Directory;
using ContactCenter.Acd.Policy;
using ContactCenter.Acd.Queues;
using ContactCenter.Acd.Routing;
using ContactCenter.CallEngine.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Acd;

/// <summary>
/// Registers the ACD; the host supplies <see cref="IRoutingDirectorySource"/>, <see cref="IRoutingPolicyStore"/>,
/// <see cref="IAgentStateStore"/>, <see cref="ICallbackStore"/> and <see cref="IExtensionCatalog"/>.
/// </summary>
public static class AcdServiceCollectionExtensions
{
    /// <summary>Adds the ACD as the call engine's router (call before AddCallEngine).</summary>
    public static IServiceCollection AddAcd(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AcdOptions>().Bind(configuration.GetSection(AcdOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<AcdMetrics>();
        services.AddSingleton<RoutingDirectoryCache>();
        services.AddHostedService(sp => sp.GetRequiredService<RoutingDirectoryCache>());
        services.AddSingleton<RoutingPolicyProvider>();
        services.AddHostedService(sp => sp.GetRequiredService<RoutingPolicyProvider>());
        services.AddSingleton<AgentStateBoard>();
        services.AddHostedService<AgentStatePersistence>();
        services.AddSingleton<QueueTracker>();
        services.AddHostedService<CallbackPersistence>();
        services.AddPhoneNumbers(configuration); // the dial plan decides which callers may be called back
        services.AddSingleton<AcdRouter>();
        services.AddSingleton<ICallRouter>(sp => sp.GetRequiredService<AcdRouter>());
        services.AddSingleton<CallbackDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CallbackDispatcher>());
        return services;
    }
}
