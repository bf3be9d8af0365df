using System.Security.Claims;
using ContactCenter.Crm.Demo;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

/// <summary>A seeded demo database (today is 2026-11-26) with look-ups by the demo data's public names.</summary>
internal sealed class DemoScenario : IAsyncDisposable
{
    private DemoScenario(CrmTestHost provider) => Provider = provider;

    public CrmTestHost Provider { get; }

    /// <summary>Operator 1001 as the API sees her.</summary>
    public static ClaimsPrincipal Operator { get; } = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "1001")], "test"));

    /// <summary>A signed-in user as the host builds it: the user name and role claims.</summary>
    public static ClaimsPrincipal User(string name, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    public static async Task<DemoScenario> StartAsync(CrmDatabaseFixture fixture, Action<IServiceCollection>? configure = null, bool withHarness = false)
    {
        var provider = await CrmTestServices.CreateAsync(fixture, configure: configure, withHarness: withHarness);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
        }

        return new DemoScenario(provider);
    }

    public Task<Guid> ClientIdAsync(string name) => Provider.InScopeAsync(db => db.Clients.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    public Task<Guid> StaffIdAsync(string extension) => Provider.InScopeAsync(db => db.Staff.Where(s => s.Extension == extension).Select(s => s.Id).SingleAsync());

    /// <summary>Runs <paramref name="action"/> with a service of a new scope as <paramref name="userName"/> signed in with <paramref name="roles"/>.</summary>
    public Task<T> AsUserAsync<TService, T>(string userName, string[] roles, Func<TService, Users.SignedInUser, Task<T>> action)
        where TService : notnull =>
        InScopeAsync(async services => await action(services.GetRequiredService<TService>(),
            await Users.SignedInUser.ReadAsync(services.GetRequiredService<Persistence.CrmDbContext>(), User(userName, roles), CancellationToken.None)));

    /// <summary>The user's notifications, as <c>GET /api/notifications</c> gives them.</summary>
    public Task<List<Notifications.NotificationDto>> NotificationsOfAsync(string userName, params string[] roles) =>
        AsUserAsync<Notifications.NotificationInbox, List<Notifications.NotificationDto>>(userName, roles,
            (inbox, user) => inbox.ListAsync(user, false, CancellationToken.None));

    public Task<Guid> ProductIdAsync(string sku) => Provider.InScopeAsync(db => db.Products.Where(p => p.Sku == sku).Select(p => p.Id).SingleAsync());

    /// <summary>Runs <paramref name="action"/> with a service of a new scope, as one HTTP request would.</summary>
    public async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = Provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
