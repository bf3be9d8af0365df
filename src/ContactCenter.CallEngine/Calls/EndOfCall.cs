namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// What a call leaves behind when it ends, gathered by the <see cref="Call"/>'s end step on its loop (the same for a call
/// that arrived and one the service placed); <see cref="CallTeardown"/> closes it. Each member is optional: a call ended while ringing has no
/// bridge, recording or answered leg.
/// </summary>
internal sealed class EndOfCall
{
    /// <summary>Tells the parties (final response to an unanswered caller, BYE to answered legs), in order.</summary>
    public IReadOnlyList<(string Step, Func<Task> Run)> Signalling { get; init; } = [];

    /// <summary>What the caller heard while waiting (ringback, an announcement, queue music).</summary>
    public IAsyncDisposable? Ringback { get; init; }

    /// <summary>Closes the recording and announces its file.</summary>
    public Func<ValueTask>? CloseRecording { get; init; }

    /// <summary>The media bridge between the legs.</summary>
    public IAsyncDisposable? Bridge { get; init; }

    /// <summary>Give the agents' call slots back (the answering agent, a calling agent), each on its own.</summary>
    public IReadOnlyList<Action> AgentReleases { get; init; } = [];

    /// <summary>Logs the call's media summary (answered calls).</summary>
    public Action? LogMedia { get; init; }

    /// <summary>The legs' media endpoints: their RTP ports go back to the pool.</summary>
    public IReadOnlyList<IAsyncDisposable?> Media { get; init; } = [];

    /// <summary>Publishes CallEnded.</summary>
    public required Action PublishEnded { get; init; }

    /// <summary>Tells the router the call is over (queues, the routing trace), and whoever waits for its outcome.</summary>
    public Action? CompleteRouting { get; init; }

    /// <summary>Counts and logs the end.</summary>
    public Action? Report { get; init; }

    /// <summary>Takes the call off the engine's list of live calls.</summary>
    public required Action Remove { get; init; }
}
