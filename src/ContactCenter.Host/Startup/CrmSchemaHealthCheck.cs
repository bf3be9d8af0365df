using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContactCenter.Host.Startup;

/// <summary>"Degraded" until the database has been migrated (and seeded) once, naming why not.</summary>
public sealed class CrmSchemaHealthCheck(DatabaseStartup database) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(database.Prepared
            ? HealthCheckResult.Healthy("schema current")
            : HealthCheckResult.Degraded($"CRM unavailable: {database.LastError}"));
}
