namespace ContactCenter.Acd.Queues;

/// <summary>One entry of a queue: a waiting call, or a callback keeping the caller's place.</summary>
/// <param name="Id">The call (or the callback's own id).</param>
/// <param name="IsCallback">A callback request rather than a caller on the line.</param>
/// <param name="Number">For a callback, the number to call (E.164).</param>
/// <param name="HasAgent">An agent is being offered the call, or the callback is being placed.</param>
/// <param name="EnqueuedAt">When the caller entered the queue.</param>
public sealed record QueueEntry(Guid Id, bool IsCallback, string? Number, bool HasAgent, DateTimeOffset EnqueuedAt);
