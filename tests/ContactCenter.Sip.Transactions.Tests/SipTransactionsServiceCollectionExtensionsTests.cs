using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.Transactions.Tests;

public sealed class SipTransactionsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSipTransactions_BindsTimersFromSection()
    {
        using var services = Build(new() { ["Sip:Timers:T1"] = "00:00:00.250", ["Sip:Timers:TimerBMultiplier"] = "32" });

        var timers = services.GetRequiredService<IOptions<SipTimerOptions>>().Value;

        Assert.Equal(TimeSpan.FromMilliseconds(250), timers.T1);
        Assert.Equal(TimeSpan.FromSeconds(8), timers.TimerB);
        Assert.Equal(TimeSpan.FromSeconds(16), timers.TimerF);
    }

    [Fact]
    public void AddSipTransactions_T2ShorterThanT1_FailsNamingTheKey()
    {
        using var services = Build(new() { ["Sip:Timers:T1"] = "00:00:05", ["Sip:Timers:T2"] = "00:00:01" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SipTimerOptions>>().Value);

        Assert.Contains("Sip:Timers:T2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSipTransactions_LayerIsTheTransportsMessageHandler()
    {
        using var services = Build([]);

        var handler = services.GetRequiredService<ISipMessageHandler>();

        Assert.Same(services.GetRequiredService<SipTransactionLayer>(), handler);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var time = new FakeTimeProvider();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<ISipTransport>(new FakeTransport(time, time.GetUtcNow()))
            .AddSingleton<ISipRequestHandler, RecordingRequestHandler>()
            .AddSipTransactions(config)
            .BuildServiceProvider();
    }
}
