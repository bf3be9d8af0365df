using ContactCenter.Contracts.Calls;
using MassTransit;

namespace ContactCenter.Crm.CallLog;

/// <summary>Feeds every call event into the call log; idempotent and tolerant of reordering.</summary>
internal sealed class CallEventsConsumer(CallLogBatcher batcher) :
    IConsumer<CallReceived>, IConsumer<CallClassified>, IConsumer<CallQueued>, IConsumer<CallOffered>,
    IConsumer<CallOfferFailed>, IConsumer<CallAnswered>, IConsumer<CallHeld>, IConsumer<CallResumed>,
    IConsumer<CallTransferred>, IConsumer<RecordingAvailable>, IConsumer<CallEnded>
{
    public Task Consume(ConsumeContext<CallReceived> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CallClassified> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CallQueued> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CallOffered> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CallOfferFailed> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CallAnswered> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CallHeld> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CallResumed> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CallTransferred> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<RecordingAvailable> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CallEnded> context) => Apply(context, context.Message.EventId, context.Message.CallId, context.Message.Sequence, context.Message.OccurredAt);

    private Task<bool> Apply<T>(ConsumeContext<T> context, Guid eventId, Guid callId, int sequence, DateTimeOffset occurredAt)
        where T : class =>
        batcher.ApplyAsync(new CallEventEnvelope(context.Message, eventId, callId, sequence, occurredAt), context.CancellationToken);
}
