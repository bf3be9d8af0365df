using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.TestKit;

/// <summary>
/// One PostgreSQL server per test collection with the CRM schema migrated once into a template;
/// each test (or class) gets its own database cloned from the template.
/// </summary>
public sealed class CrmDatabaseFixture : IAsyncLifetime
{
    private const string Template = "cc_template";
    private PostgresServer? _server;
    private int _counter;

    /// <summary>The running server.</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException("Fixture not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        await _server.CreateDatabaseAsync(Template);
        await using (var db = CreateContext(_server.ConnectionString(Template) + ";Pooling=false"))
        {
            await db.Database.MigrateAsync();
        }

        // CREATE DATABASE ... TEMPLATE needs the template without connections.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new migrated, empty database; returns its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"cc_test_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}"[..40];
        await Server.CreateDatabaseAsync(name, Template);
        return Server.ConnectionString(name);
    }

    /// <summary>A context on <paramref name="connectionString"/>.</summary>
    public static CrmDbContext CreateContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<CrmDbContext>();
        CrmDatabase.Configure(options, connectionString);
        return new CrmDbContext(options.Options);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
