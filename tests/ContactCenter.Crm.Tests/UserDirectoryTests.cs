using ContactCenter.Crm.Demo;
using ContactCenter.Crm.Users;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class UserDirectoryTests(CrmDatabaseFixture fixture)
{
    [Theory]
    [InlineData("admin", "admin-demo", true)]
    [InlineData("1001", "pw1001", true)]
    [InlineData("admin", "wrong", false)]
    [InlineData("nobody", "admin-demo", false)]
    [InlineData("1001", "pw1002", false)]
    public async Task Validate_DemoCredentials_OnlyRightPairSignsIn(string user, string password, bool expected)
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture, withHarness: false);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);

        var result = await scope.ServiceProvider.GetRequiredService<UserDirectory>().ValidateAsync(user, password, CancellationToken.None);

        Assert.Equal(expected, result is not null);
    }

    [Fact]
    public async Task Users_PasswordsAreStoredHashedOnly()
    {
        await using var provider = await CrmTestServices.CreateAsync(fixture, withHarness: false);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);

        var hashes = await provider.InScopeAsync(db => db.Users.Select(u => u.PasswordHash).ToListAsync());

        var passwords = DemoData.Staff.Select(s => DemoData.PasswordOf(s.Extension)).Append(DemoData.AdminPassword).ToList();
        Assert.All(hashes, h => Assert.DoesNotContain(passwords, p => h.Contains(p, StringComparison.Ordinal)));
        Assert.All(hashes, h => Assert.StartsWith("AQAAAA", h, StringComparison.Ordinal)); // Identity v3 format: PBKDF2
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }
}
