using ContactCenter.Crm.Persistence;
using ContactCenter.TestKit;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Crm.Tests;

/// <summary>A service provider that stops MassTransit's test harness before disposing (else disposal waits the test timeout).</summary>
internal sealed class CrmTestHost(ServiceProvider provider) : IServiceProvider, IAsyncDisposable
{
    public object? GetService(Type serviceType) => provider.GetService(serviceType);

    public async ValueTask DisposeAsync()
    {
        if (provider.GetService<ITestHarness>() is { } harness)
        {
            await harness.Stop();
        }

        await provider.DisposeAsync();
    }
}

/// <summary>The CRM's real service registration on a fresh database, with MassTransit's test harness as the bus.</summary>
internal static class CrmTestServices
{
    public static async Task<CrmTestHost> CreateAsync(CrmDatabaseFixture fixture, TimeProvider? time = null,
        Action<IServiceCollection>? configure = null, bool withHarness = true)
    {
        var connectionString = await fixture.NewDatabaseAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Crm"] = connectionString,
                ["PhoneNumbers:DefaultRegion"] = "RU",
                ["PhoneNumbers:DefaultAreaCode"] = "495",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero)));
        services.AddCrm(configuration);
        if (withHarness)
        {
            services.AddMassTransitTestHarness(bus =>
            {
                bus.AddCrmConsumers();
                bus.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(20), testInactivityTimeout: TimeSpan.FromMilliseconds(300));
            });
        }

        configure?.Invoke(services);
        return new CrmTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
    }

    public static async Task<T> InScopeAsync<T>(this IServiceProvider provider, Func<CrmDbContext, Task<T>> action)
    {
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    /// <summary>Polls until <paramref name="condition"/> holds; the timeout is only a safety net.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time.");
            }

            await Task.Delay(20);
        }
    }
}
