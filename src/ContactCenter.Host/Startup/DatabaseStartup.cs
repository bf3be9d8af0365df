using System.Net.Sockets;
using ContactCenter.Crm.Demo;
using ContactCenter.Crm.Persistence;
using ContactCenter.Host.Configuration;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Startup;

/// <summary>Brings the database to the current schema and, when asked, seeds the demo data.</summary>
public static partial class DatabaseStartup
{
    /// <summary>Migrates (when <c>Database:Migrate</c> is true, the default) and seeds (when <c>Demo:Seed</c> is true).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ContactCenter.Host.Startup");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        try
        {
            if (app.Configuration.GetValue("Database:Migrate", true))
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await db.Database.MigrateAsync(cancellationToken);
                LogMigrated(logger, pending.Count);
            }

            if (app.Configuration.GetValue("Demo:Seed", false))
            {
                await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or SocketException or TimeoutException
                                   || ex.InnerException is Npgsql.NpgsqlException or SocketException)
        {
            var target = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            throw new StartupFailureException("ConnectionStrings:Crm",
                $"cannot use PostgreSQL at {target.Host}:{target.Port}, database '{target.Database}', user '{target.Username}': {(ex.InnerException ?? ex).Message}",
                ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is current ({Applied} migrations applied now)")]
    private static partial void LogMigrated(ILogger logger, int applied);
}
