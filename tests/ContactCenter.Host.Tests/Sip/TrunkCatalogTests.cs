using ContactCenter.CallEngine.Configuration;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Host.Calls;
using ContactCenter.Host.Sip.Trunks;
using ContactCenter.PhoneNumbers;
using ContactCenter.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Tests.Sip;

/// <summary>
/// Issue #17: the trunk snapshot over PostgreSQL - outbound choice by prefix and priority among the configured and the
/// stored trunks (disabled ones left out), DIDs in any spelling of the number, and the last good copy kept while the
/// database cannot be read.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class TrunkCatalogTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Snapshot_ChoosesByPrefixAndPriority_MapsDids_KeepsTheLastGoodCopyWhileTheDatabaseIsDown()
    {
        var connection = new ConnectionString { Value = await fixture.NewDatabaseAsync() };
        await using (var db = CrmDatabaseFixture.CreateContext(connection.Value))
        {
            db.Trunks.AddRange(
                Row("b", 10, ["+7495"], ("74951234500", "7000"), ("74951234501", "1002")),
                Row("c", 200, ["+7"]),
                Disabled(Row("off", 1, ["+7"], ("74951234599", "7001"))));
            await db.SaveChangesAsync();
        }

        await using var services = new ServiceCollection()
            .AddDbContext<CrmDbContext>(o => CrmDatabase.Configure(o, connection.Value), ServiceLifetime.Transient)
            .BuildServiceProvider();
        var engine = new CallEngineOptions
        {
            Trunk = new TrunkOptions { Address = "127.0.0.1", Port = 5090, AllowedDestinations = [@"^\+7\d{10}$"] },
        };
        var catalog = new TrunkCatalog(services.GetRequiredService<IServiceScopeFactory>(), new Monitor(engine),
            new PhoneNumberCallerNormalizer(new PhoneNumberNormalizer(Options.Create(new PhoneNumberOptions()))), TimeProvider.System,
            NullLogger<TrunkCatalog>.Instance);

        Assert.True(await catalog.ReloadAsync(CancellationToken.None));
        AssertSnapshot(catalog);

        connection.Value = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2";
        Assert.False(await catalog.ReloadAsync(CancellationToken.None));

        Assert.NotNull(catalog.LastError);
        AssertSnapshot(catalog); // telephony goes on with what it had
    }

    private static void AssertSnapshot(TrunkCatalog catalog)
    {
        Assert.Equal(["b", "trunk", "c"], catalog.Choose("+74951234567").Select(c => c.Trunk));
        Assert.Equal(["trunk", "c"], catalog.Choose("+78121234567").Select(c => c.Trunk));
        Assert.Empty(catalog.Choose("+4930123456"));
        Assert.Equal("+7495b", catalog.Choose("+74951234567")[0].CallerId);
        Assert.All(new[] { "74951234500", "+74951234500", "84951234500" }, n => Assert.Equal("7000", catalog.InboundTarget("b", n)));
        Assert.Equal("1002", catalog.InboundTarget("b", "74951234501"));
        Assert.Null(catalog.InboundTarget("c", "74951234500")); // another trunk's number
        Assert.Null(catalog.InboundTarget("off", "74951234599")); // a disabled trunk has none
        Assert.Equal(["trunk", "b", "c"], catalog.Peers().Select(p => p.Name));
    }

    private static Trunk Row(string name, int priority, List<string> prefixes, params (string Number, string Target)[] numbers) => new()
    {
        Name = name, Address = "127.0.0.1", Port = 5100 + priority, Priority = priority, Prefixes = prefixes, CallerId = "+7495" + name,
        Numbers = [.. numbers.Select(n => new TrunkNumber { Number = n.Number, Target = n.Target, TrunkName = name })],
    };

    private static Trunk Disabled(Trunk row)
    {
        row.IsEnabled = false;
        return row;
    }

    private sealed class ConnectionString
    {
        public required string Value { get; set; }
    }

    private sealed class Monitor(CallEngineOptions value) : IOptionsMonitor<CallEngineOptions>
    {
        public CallEngineOptions CurrentValue => value;

        public CallEngineOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CallEngineOptions, string?> listener) => null;
    }
}
