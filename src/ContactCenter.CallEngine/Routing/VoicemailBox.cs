namespace ContactCenter.CallEngine.Routing;

/// <summary>Where a caller turned away by a closed queue may leave a message (issue #18).</summary>
/// <param name="QueueName">The closed queue: the message becomes a task for it.</param>
/// <param name="OpensAt">When the queue opens next (its business hours), or null when it never opens.</param>
/// <param name="Members">The queue's members (extensions): who may call the client back.</param>
public sealed record VoicemailBox(string QueueName, DateTimeOffset? OpensAt, IReadOnlyList<string> Members);
