using ContactCenter.Contracts.Notifications;
using MassTransit;

namespace ContactCenter.Host.Desk;

/// <summary>
/// The CRM's notifications from the bus to the desks, on one machine, where the engine's own events reach the desks by
/// reference (<see cref="DeskLiveFeed"/>) and not through the bus.
/// </summary>
public sealed class DeskNotificationsConsumer(DeskEventForwarder forwarder) : IConsumer<NotificationCreated>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<NotificationCreated> context) => forwarder.ForwardAsync(context.Message, context.CancellationToken);
}
