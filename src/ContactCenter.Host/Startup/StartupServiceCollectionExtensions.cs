using Microsoft.Extensions.Hosting.Systemd;

namespace ContactCenter.Host.Startup;

/// <summary>Start-up pieces that keep the host up through outages, and tell systemd it is alive.</summary>
public static class StartupServiceCollectionExtensions
{
    /// <summary>Prepares the database in the background (first of the hosted services, so it starts first).</summary>
    public static IServiceCollection AddDatabaseStartup(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        return services;
    }

    /// <summary>Pings systemd's watchdog (WatchdogSec=) while the host answers its own readiness probe.</summary>
    public static IServiceCollection AddSystemdWatchdog(this IServiceCollection services)
    {
        services.AddHostedService(sp => new SystemdWatchdog(sp.GetService<ISystemdNotifier>(), sp.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SystemdWatchdog>>()));
        return services;
    }
}
