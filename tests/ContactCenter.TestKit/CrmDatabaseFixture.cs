using ContactCenter.Crm.Demo;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Model;
using ContactCenter.PhoneNumbers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ContactCenter.TestKit;

/// <summary>
/// One PostgreSQL server per test collection with the CRM schema migrated once into a template;
/// each test (or class) gets its own database cloned from the template, or from a second one that also holds the demo
/// data (<see cref="NewDemoDatabaseAsync"/>).
/// </summary>
public sealed class CrmDatabaseFixture : IAsyncLifetime
{
    private const string Template = "cc_template";
    private const string DemoTemplate = "cc_template_demo";
    private readonly SemaphoreSlim _demoGate = new(1, 1);
    private PostgresServer? _server;
    private string? _demoTemplate; // named by the UTC day it was seeded on
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
    public Task<string> NewDatabaseAsync() => CloneAsync(Template, "cc_test");

    /// <summary>
    /// A new migrated database with the demo data already in it; returns its connection string. A host started on it
    /// with <c>Demo:Seed=true</c> (the tests' default) finds everything there and adds nothing: about 2 s of CPU less per
    /// host start than seeding an empty one. The demo template is seeded once, on first use, as the host seeds (the
    /// host's default phone region, RU with area code 495, for the clients' numbers), and again on a new UTC day (the
    /// demo's deliveries are for "today").
    /// </summary>
    public async Task<string> NewDemoDatabaseAsync()
    {
        string template;
        await _demoGate.WaitAsync();
        try
        {
            template = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{DemoTemplate}_{TimeProvider.System.GetUtcNow():yyyyMMdd}");
            if (_demoTemplate != template)
            {
                await Server.DropDatabaseAsync(template); // what a seed that failed before left
                await Server.CreateDatabaseAsync(template, Template);
                await using (var db = CreateContext(Server.ConnectionString(template) + ";Pooling=false"))
                {
                    var numbers = new PhoneNumberNormalizer(Options.Create(new PhoneNumberOptions { DefaultRegion = "RU", DefaultAreaCode = "495" }));
                    await new DemoDataSeeder(db, numbers, new PasswordHasher<User>(), TimeProvider.System, NullLogger<DemoDataSeeder>.Instance)
                        .SeedAsync(CancellationToken.None);
                }

                _demoTemplate = template;
            }
        }
        finally
        {
            _demoGate.Release();
        }

        return await CloneAsync(template, "cc_demo");
    }

    /// <summary>A new database copied from <paramref name="template"/>, named <paramref name="prefix"/>_N_guid; its connection string.</summary>
    private async Task<string> CloneAsync(string template, string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}"[..40];
        await Server.CreateDatabaseAsync(name, template);
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

        _demoGate.Dispose();
    }
}
