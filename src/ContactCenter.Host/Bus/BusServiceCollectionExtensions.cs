using ContactCenter.Crm;
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
        Uri? rabbit = null;
        if (!string.IsNullOrWhiteSpace(settings.RabbitMq)
            && (!Uri.TryCreate(settings.RabbitMq, UriKind.Absolute, out rabbit) || rabbit.Scheme is not ("amqp" or "amqps" or "rabbitmq")))
        {
            throw new Configuration.StartupFailureException("Bus:RabbitMq", "must be an amqp:// URI such as amqp://guest:guest@127.0.0.1:5672/.");
        }

        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddDeskConsumer();
            if (settings.CrmConsumers)
            {
                bus.AddCrmConsumers();
            }
            if (rabbit is null)
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseMessageRetry(r => r.Intervals(100, 500, 1_000, 5_000));
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(rabbit);
                    cfg.UseMessageRetry(r => r.Intervals(100, 500, 1_000, 5_000));
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return services;
    }
}
