using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>Registers the dialog layer.</summary>
public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DialogManager"/> and its metrics. It needs the transaction layer, the transport and
    /// <c>Sip:Timers</c> (<c>AddSipTransactions</c>, <c>AddSipTransport</c>); the user-agent core picks it up and sends
    /// it every request with a To tag, every ACK for a 2xx and every stray 2xx.
    /// </summary>
    public static IServiceCollection AddSipDialogs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DialogMetrics>();
        services.TryAddSingleton<DialogManager>();
        return services;
    }
}
