namespace ContactCenter.CallEngine.Routing;

/// <summary>A call waits in a queue until the router gives it an agent.</summary>
/// <param name="QueueName">The queue.</param>
/// <param name="Position">The call's place in it, 1 for the next to be served.</param>
/// <param name="ExpectedWait">The router's estimate of the wait, or null when it has no history yet.</param>
/// <param name="Announcement">The announcement played on entering the queue (e.g. <c>queue-position</c>), or null.</param>
/// <param name="CallbackKey">The key (RFC 4733) a waiting caller presses to be called back instead of waiting, or null when the queue offers none.</param>
public sealed record QueueWait(string QueueName, int Position, TimeSpan? ExpectedWait, string? Announcement = "queue-position", char? CallbackKey = null);
