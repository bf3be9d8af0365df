using ContactCenter.Crm;
using ContactCenter.Crm.EngineEvents;
using ContactCenter.Crm.Messaging;
using ContactCenter.Host.Calls.Lanes;
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

        // One machine (the in-memory bus): the engine's events reach the desks by reference as they happen and the CRM from
        // the spool with its own cursor (issue #14: the in-memory bus serialized every event and read it back once per
        // queue; issue #15: its checkpoint moved before the call log had the events). The bus keeps the rest.
        var inProcess = rabbit is null;
        var crmInProcess = inProcess && settings.CrmConsumers;
        services.AddSingleton<DeskEventForwarder>();
        if (inProcess)
        {
            services.AddSingleton<DeskLiveFeed>();
            services.AddHostedService(sp => sp.GetRequiredService<DeskLiveFeed>());
            services.AddSingleton<ILiveCallEventListener>(sp => sp.GetRequiredService<DeskLiveFeed>());
        }

        if (crmInProcess)
        {
            services.AddSingleton<ICallEventLane, CrmLane>();
        }

        services.AddSingleton<ICallEventLane>(sp => new BusLane(sp.GetRequiredService<IBus>(), type =>
            !(inProcess && DeskEventForwarder.EngineEventTypes.Contains(type)) && !(crmInProcess && InProcessCallEvents.Types.Contains(type))));

        services.AddMassTransit(bus =>
        {
            if (inProcess)
            {
                bus.AddConsumer<DeskNotificationsConsumer>();
            }
            else
            {
                bus.AddDeskConsumer();
            }

            if (settings.CrmConsumers)
            {
                bus.AddCrmConsumers(engineEventsInProcess: crmInProcess);
            }

            // A broker outage must not make a telephony node unready: the bus reports "Degraded" (events wait in the spool).
            bus.ConfigureHealthCheckOptions(o => o.MinimalFailureStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
            BusTransport.Use(bus, rabbit);
        });
        return services;
    }
}
