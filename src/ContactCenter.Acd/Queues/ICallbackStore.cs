namespace ContactCenter.Acd.Queues;

/// <summary>Keeps queued callbacks across restarts (the host plugs in the CRM database).</summary>
public interface ICallbackStore
{
    /// <summary>Callbacks not placed yet.</summary>
    Task<IReadOnlyList<SavedCallback>> LoadPendingAsync(CancellationToken cancellationToken);

    /// <summary>Adds a callback, or records its outcome when <see cref="SavedCallback.Outcome"/> is set.</summary>
    Task SaveAsync(SavedCallback callback, CancellationToken cancellationToken);
}

/// <summary>A callback request as saved.</summary>
/// <param name="Id">The callback.</param>
/// <param name="Queue">The queue it keeps its place in.</param>
/// <param name="Number">The number to call (E.164).</param>
/// <param name="EnqueuedAt">When the caller entered the queue (the place it keeps).</param>
/// <param name="Outcome">Null while pending; <c>answered</c> or <c>not answered</c> once placed.</param>
public sealed record SavedCallback(Guid Id, string Queue, string Number, DateTimeOffset EnqueuedAt, string? Outcome);
