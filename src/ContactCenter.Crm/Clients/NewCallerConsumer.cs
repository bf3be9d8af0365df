using ContactCenter.Contracts.Calls;
using MassTransit;

namespace ContactCenter.Crm.Clients;

/// <summary>
/// Turns an inbound call from an unknown number into a new client awaiting a manager. It listens to
/// <see cref="CallReceived"/> because that event carries the caller's E.164 number (<see cref="CallClassified"/> does
/// not, and its "no client" comes from the ACD's cached directory); a redelivered event finds the number and does nothing.
/// </summary>
internal sealed class NewCallerConsumer(NewClientRegistrar registrar) : IConsumer<CallReceived>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<CallReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return registrar.RegisterAsync(context.Message, context.CancellationToken);
    }
}
