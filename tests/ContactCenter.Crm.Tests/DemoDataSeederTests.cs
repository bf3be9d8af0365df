using ContactCenter.Crm.Demo;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class DemoDataSeederTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Seed_RunTwice_AddsNothingTheSecondTime()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture, withHarness: false);

        var first = await SeedAsync(provider);
        var second = await SeedAsync(provider);

        Assert.True(first > 40);
        Assert.Equal(0, second);
        Assert.Equal(8, await provider.InScopeAsync(db => db.Clients.CountAsync()));
        Assert.Equal(10, await provider.InScopeAsync(db => db.Staff.CountAsync()));
        Assert.Equal(11, await provider.InScopeAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [InlineData("+74951000001", "Arbat Foods", "key", "2001")]
    [InlineData("+74951000002", "Volga Trade", "key", "2002")]
    [InlineData("+74951000003", "Corner Shop", "retail", "2101")]
    [InlineData("+74822000004", "Tver Market", "regional", "2101")]
    [InlineData("+74951000005", "Outlet No. 5", "own-outlet", null)]
    [InlineData("+74951000006", "Gastronom-1", "indicator", null)]
    [InlineData("+74951000007", "Late Payer", "retail", "2101")]
    [InlineData("+74951000008", "Over Limit", "key", "2002")]
    public async Task Seed_DemoClients_FoundByNormalizedNumber(string e164, string name, string type, string? manager)
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture, withHarness: false);
        await SeedAsync(provider);

        var client = await provider.InScopeAsync(db => db.Clients.AsNoTracking()
            .Where(c => c.Phones.Any(p => p.E164 == e164))
            .Select(c => new { c.Name, Type = c.ClientType!.Code, Manager = c.AssignedManager!.Extension })
            .SingleAsync());

        Assert.Equal(name, client.Name);
        Assert.Equal(type, client.Type);
        Assert.Equal(manager, client.Manager);
    }

    [Fact]
    public async Task Seed_DebtorsHaveTheirDebts()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var provider = await CrmTestServices.CreateAsync(fixture, time, withHarness: false);
        await SeedAsync(provider);
        var today = new DateOnly(2026, 11, 26);

        var late = await provider.InScopeAsync(db => db.Clients.Include(c => c.Receivables).SingleAsync(c => c.Name == "Late Payer"));
        var over = await provider.InScopeAsync(db => db.Clients.Include(c => c.Receivables).SingleAsync(c => c.Name == "Over Limit"));
        var arbat = await provider.InScopeAsync(db => db.Clients.Include(c => c.Receivables).SingleAsync(c => c.Name == "Arbat Foods"));

        Assert.Contains(late.Receivables, r => r.DueDate < today && r.Outstanding > 0);
        Assert.True(over.Receivables.Sum(r => r.Outstanding) > over.CreditLimit);
        Assert.DoesNotContain(over.Receivables, r => r.DueDate < today);
        Assert.True(arbat.Receivables.Sum(r => r.Outstanding) <= arbat.CreditLimit);
        Assert.DoesNotContain(arbat.Receivables, r => r.DueDate < today);
    }

    [Fact]
    public async Task Seed_PriceList_HasThreeColumnsWithDiscounts()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture, withHarness: false);
        await SeedAsync(provider);

        var prices = await provider.InScopeAsync(db => db.ProductPrices.AsNoTracking()
            .Join(db.Products, p => p.ProductId, p => p.Id, (price, product) => new { product.Sku, price.ColumnIndex, price.Price })
            .Where(p => p.Sku == "CHS-RUS").OrderBy(p => p.ColumnIndex).ToListAsync());
        var newProducts = await provider.InScopeAsync(db => db.Products.CountAsync(p => p.IsNew));
        var traditionalForKey = await provider.InScopeAsync(db => db.Products.CountAsync(p => p.TraditionalFor.Any(t => t.Code == "key")));

        Assert.Equal([780m, 741m, 702m], prices.Select(p => p.Price));
        Assert.True(newProducts >= 3);
        Assert.True(traditionalForKey >= 3);
    }

    private static async Task<int> SeedAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
    }
}
