using ContactCenter.Crm;
using ContactCenter.Crm.Messaging;
using ContactCenter.Host.Desk;
using MassTransit;

namespace ContactCenter.Host.Bus;

/// <summary>Composes the MassTransit bus: in-memory on one machine, RabbitMQ when configured.</summary>
public static class BusServiceCollectionExtensions
{
    /// <summary>Adds MassTransit with the CRM's consumers and the desks' event forwarder.</summary>
    public static IServiceCollection AddContactCenterBus(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(BusSettings.Section).Get<BusSettings>() ?? new BusSettings();
        if (!BusTransport.TryParseRabbitMq(settings.RabbitMq, out var rabbit, out var error))
        {
            throw new Configuration.StartupFailureException(BusTransport.RabbitMqSetting, error!);
        }

        services.AddMassTransit(bus =>
        {
            bus.AddDeskConsumer();
            if (settings.CrmConsumers)
            {
                bus.AddCrmConsumers();
            }

            // A broker outage must not make a telephony node unready: the bus reports "Degraded" (events wait in the spool).
            bus.ConfigureHealthCheckOptions(o => o.MinimalFailureStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
            BusTransport.Use(bus, rabbit);
        });
        return services;
    }
}
