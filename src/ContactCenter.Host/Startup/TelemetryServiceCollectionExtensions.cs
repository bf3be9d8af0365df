using ContactCenter.Crm.Api;
using OpenTelemetry.Metrics;

namespace ContactCenter.Host.Startup;

/// <summary>Exports the service's metrics in the Prometheus text format at <c>/metrics</c>.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Collects every <c>ContactCenter.*</c> meter plus ASP.NET Core's and MassTransit's.</summary>
    public static IServiceCollection AddContactCenterTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("ContactCenter.*")
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "MassTransit")
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>Maps <c>GET /metrics</c> for admins (Prometheus can scrape with basic_auth).</summary>
    public static IEndpointRouteBuilder MapContactCenterTelemetry(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(CrmPolicies.Admin);
        return app;
    }
}
