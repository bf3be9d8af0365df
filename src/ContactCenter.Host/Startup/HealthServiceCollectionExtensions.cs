using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContactCenter.Host.Startup;

/// <summary>
/// Health for operators and supervisors: <c>/health</c> (alive) and <c>/health/ready</c>, JSON with each check's status and
/// reason. Outages behind telephony (database, broker, call-event backlog) make readiness "Degraded" (HTTP 200: the node
/// still takes calls), never "Unhealthy".
/// </summary>
public static class HealthServiceCollectionExtensions
{
    /// <summary>Adds the host's readiness checks and makes the CRM's database check report "Degraded".</summary>
    public static IServiceCollection AddContactCenterHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<CrmSchemaHealthCheck>("crm-schema", tags: ["ready"])
            .AddCheck<CallEventsHealthCheck>("call-events", tags: ["ready"]);
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Name is "crm-database"))
            {
                registration.FailureStatus = HealthStatus.Degraded;
            }
        });
        return services;
    }

    /// <summary>Maps <c>/health</c> and <c>/health/ready</c> (anonymous; no secrets in the reasons).</summary>
    public static IEndpointRouteBuilder MapContactCenterHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), reason = e.Value.Description ?? e.Value.Exception?.Message }),
        }, cancellationToken: context.RequestAborted);
    }
}
