using ContactCenter.Crm.Api;
using MassTransit;

namespace ContactCenter.Host.Desk;

/// <summary>Composes the desks' live channel: the SignalR hub and the bus consumer that feeds it.</summary>
public static class DeskServiceCollectionExtensions
{
    /// <summary>Where the desks connect.</summary>
    public const string HubPath = "/hubs/desk";

    /// <summary>Adds SignalR and what the hub's event forwarder remembers about live calls.</summary>
    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<DeskCallDirectory>();
        return services;
    }

    /// <summary>
    /// Adds the consumer that forwards call and agent events to the desks, on a temporary endpoint of this process
    /// (with RabbitMQ every host gets every event for its own browsers), one message at a time so a call's events keep their order.
    /// </summary>
    public static IBusRegistrationConfigurator AddDeskConsumer(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<DeskEventsConsumer>().Endpoint(e =>
        {
            e.Temporary = true;
            e.InstanceId = "-" + Guid.NewGuid().ToString("N")[..8];
            e.ConcurrentMessageLimit = 1;
        });
        return bus;
    }

    /// <summary>Maps the hub at <see cref="HubPath"/> (staff only).</summary>
    public static IEndpointRouteBuilder MapDesk(this IEndpointRouteBuilder app)
    {
        app.MapHub<DeskHub>(HubPath).RequireAuthorization(CrmPolicies.Staff);
        return app;
    }
}
