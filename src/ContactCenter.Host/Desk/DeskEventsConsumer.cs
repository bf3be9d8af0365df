using ContactCenter.Contracts.Agents;
using ContactCenter.Contracts.Calls;
using ContactCenter.Contracts.Notifications;
using MassTransit;

namespace ContactCenter.Host.Desk;

/// <summary>
/// The desks' events from the bus (see <see cref="DeskEventForwarder"/>): with RabbitMQ every host's call and agent
/// events and the CRM's notifications. Each host runs its own copy (a temporary endpoint), because each serves its own browsers.
/// </summary>
public sealed class DeskEventsConsumer(DeskEventForwarder forwarder) :
    IConsumer<CallClassified>, IConsumer<CallQueued>, IConsumer<CallOffered>, IConsumer<CallAnswered>, IConsumer<CallTransferred>,
    IConsumer<CallEnded>, IConsumer<AgentStateChanged>, IConsumer<NotificationCreated>, IConsumer<CallSupervised>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<CallClassified> context) => forwarder.ForwardAsync(context.Message, context.CancellationToken);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<CallQueued> context) => forwarder.ForwardAsync(context.Message, context.CancellationToken);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<CallOffered> context) => forwarder.ForwardAsync(context.Message, context.CancellationToken);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<CallAnswered> context) => forwarder.ForwardAsync(context.Message, context.CancellationToken);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<CallTransferred> context) => forwarder.ForwardAsync(context.Message, context.CancellationToken);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<CallEnded> context) => forwarder.ForwardAsync(context.Message, context.CancellationToken);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<AgentStateChanged> context) => forwarder.ForwardAsync(context.Message, context.CancellationToken);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<NotificationCreated> context) => forwarder.ForwardAsync(context.Message, context.CancellationToken);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<CallSupervised> context) => forwarder.ForwardAsync(context.Message, context.CancellationToken);
}
