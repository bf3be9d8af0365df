using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ContactCenter.Sip.Transactions.Timing;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>Registers the transaction layer.</summary>
public static class SipTransactionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SipTransactionLayer"/> (also as the transport's <see cref="ISipMessageHandler"/>), with
    /// <see cref="SipTimerOptions"/> bound from <c>Sip:Timers</c> and checked at start-up. The host registers an
    /// <see cref="ISipRequestHandler"/> (the TU) and an <see cref="ISipTransport"/>; the TU is resolved on first
    /// use, so it may itself depend on the layer. One <see cref="SipTimerWheel"/> (a <see cref="TimeProvider"/>
    /// whose timers are cheap) holds the transaction timers; dialogs and sessions can take it for theirs.
    /// </summary>
    public static IServiceCollection AddSipTransactions(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<SipTimerOptions>().Bind(config.GetSection(SipTimerOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SipTransactionsMetrics>();
        services.TryAddSingleton(sp => new SipTimerWheel(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<SipTimerOptions>>().Value.TimerResolution,
            sp.GetRequiredService<ILogger<SipTimerWheel>>()));
        services.TryAddSingleton(sp => new SipTransactionLayer(
            sp.GetRequiredService<ISipTransport>(),
            new DeferredRequestHandler(sp),
            sp.GetRequiredService<IOptions<SipTimerOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SipTransactionLayer>>(),
            sp.GetRequiredService<SipTransactionsMetrics>(),
            sp.GetRequiredService<SipTimerWheel>()));
        services.TryAddSingleton<ISipMessageHandler>(sp => sp.GetRequiredService<SipTransactionLayer>());
        return services;
    }
}
