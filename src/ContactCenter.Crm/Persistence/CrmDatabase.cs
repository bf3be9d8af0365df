using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Persistence;

/// <summary>The one place that says how the CRM talks to PostgreSQL.</summary>
public static class CrmDatabase
{
    /// <summary>Applies the provider, naming convention and retry policy to <paramref name="options"/>.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history")
                .EnableRetryOnFailure(maxRetryCount: 3))
            .UseSnakeCaseNamingConvention();
    }
}
