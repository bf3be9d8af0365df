using ContactCenter.Crm.Demo;
using ContactCenter.Crm.Persistence;
using ContactCenter.Acd.Directory;
using ContactCenter.Acd.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Polly;
using Polly.Retry;

namespace ContactCenter.Host.Startup;

/// <summary>
/// Brings the database to the current schema and, when asked, seeds the demo data, in the background: the host starts
/// and takes calls while PostgreSQL is down, and the preparation is retried (with back-off up to a minute) until it works.
/// Until then readiness says why, and the CRM's endpoints answer 503.
/// </summary>
public sealed partial class DatabaseStartup(IServiceScopeFactory scopes, IServiceProvider services, IConfiguration configuration,
    TimeProvider time, ILogger<DatabaseStartup> logger) : BackgroundService
{
    /// <summary>How long start-up waits for the database before it goes on without it.</summary>
    public static readonly TimeSpan FirstAttempt = TimeSpan.FromSeconds(10);

    private volatile string? _lastError = "not prepared yet";

    /// <summary>True once the schema is current (and the demo data seeded when asked).</summary>
    public bool Prepared => _lastError is null;

    /// <summary>Why the database is not prepared yet, or null.</summary>
    public string? LastError => _lastError;

    /// <summary>Migrates (when <c>Database:Migrate</c> is true, the default), seeds (when <c>Demo:Seed</c> is true) and loads the SIP accounts once; throws when it cannot.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        if (configuration.GetValue("Database:Migrate", true))
        {
            // The history table first (as the migration would make it): on an empty database the provider reads the
            // applied migrations by selecting from it and catching "does not exist", which EF logs as a failed command,
            // an error line in an operator's very first log (npgsql/efcore.pg#3407).
            if (await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
            {
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            LogMigrated(logger, pending.Count);
        }

        if (configuration.GetValue("Demo:Seed", false))
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
        }

        // The SIP accounts the admins manage (HA1 digests) replace sip.json's entries for their extensions.
        await services.GetRequiredService<Sip.SipAccountCredentialStore>().ReloadAsync(cancellationToken);
        // The trunks managed in the console (issue #17), before the first call.
        await services.GetRequiredService<Sip.Trunks.TrunkCatalog>().ReloadAsync(cancellationToken);
    }

    /// <summary>
    /// One attempt before the host starts (bounded by <see cref="FirstAttempt"/>), so that with the database up the
    /// schema and demo data are there before routing first reads them, as before; false (logged) when it is down.
    /// </summary>
    public async Task<bool> TryPrepareBeforeStartAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(FirstAttempt);
        try
        {
            await PrepareAsync(limit.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _lastError = Describe(ex);
            LogNotReady(logger, _lastError);
            return false;
        }

        _lastError = null;
        await Security.ProductionGate.RefuseDemoSecretsAsync(services, cancellationToken);
        return true;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Prepared)
        {
            return;
        }

        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromMinutes(1),
                OnRetry = args =>
                {
                    var ex = args.Outcome.Exception!;
                    _lastError = Describe(ex);
                    if (args.AttemptNumber == 0)
                    {
                        LogNotReady(logger, _lastError);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async ct => await PrepareAsync(ct), stoppingToken);
            // Routing read an empty or missing database meanwhile: have it read the prepared one now.
            await services.GetRequiredService<RoutingDirectoryCache>().RefreshAsync(stoppingToken);
            await services.GetRequiredService<RoutingPolicyProvider>().LoadAsync(stoppingToken);
            _lastError = null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the database came.
            return;
        }

        // Production mode: demo or default secrets stop the host (StartupFailureException -> exit code 2).
        await Security.ProductionGate.RefuseDemoSecretsAsync(services, stoppingToken);
    }

    // The reason without the connection string's secrets: where, and what PostgreSQL or the network said.
    private string Describe(Exception exception)
    {
        var target = new Npgsql.NpgsqlConnectionStringBuilder(configuration.GetConnectionString(Crm.CrmServiceCollectionExtensions.ConnectionStringName));
        var cause = exception;
        while (cause.InnerException is not null && cause is not Npgsql.NpgsqlException)
        {
            cause = cause.InnerException;
        }

        return $"ConnectionStrings:Crm: cannot use PostgreSQL at {target.Host}:{target.Port}, database '{target.Database}', user '{target.Username}': {cause.Message}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is current ({Applied} migrations applied now)")]
    private static partial void LogMigrated(ILogger logger, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready; telephony runs without it and the preparation is retried: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string reason);
}
