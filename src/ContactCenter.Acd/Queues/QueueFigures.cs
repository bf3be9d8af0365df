namespace ContactCenter.Acd.Queues;

/// <summary>A queue's live figures since the service started.</summary>
/// <param name="Queue">The queue.</param>
/// <param name="Waiting">Calls in the queue now.</param>
/// <param name="Answered">Calls answered from the queue.</param>
/// <param name="Abandoned">Callers who hung up while queued.</param>
/// <param name="Overflowed">Calls that left for an overflow target.</param>
/// <param name="LongestWait">How long the oldest waiting call has waited.</param>
/// <param name="AverageWait">Average wait of answered calls (recent ones weigh most).</param>
/// <param name="Callbacks">Callers waiting to be called back (they keep their place in the queue).</param>
public sealed record QueueFigures(string Queue, int Waiting, int Answered, int Abandoned, int Overflowed, TimeSpan? LongestWait, TimeSpan? AverageWait,
    int Callbacks);
