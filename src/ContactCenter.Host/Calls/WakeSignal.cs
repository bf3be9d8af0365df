namespace ContactCenter.Host.Calls;

/// <summary>
/// Wakes one waiting loop: any number of <see cref="Set"/> calls before the loop wakes make one wake-up, and a
/// <see cref="Set"/> while it works makes the next one. Unlike a <see cref="SemaphoreSlim"/> of count one released
/// blindly, a signal already given costs an interlocked read, not a thrown and caught exception (issue #14: that was
/// on every call event's path).
/// </summary>
internal sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private int _set;

    /// <summary>Signals the loop; nothing when it is signalled already.</summary>
    public void Set()
    {
        if (Interlocked.Exchange(ref _set, 1) == 0)
        {
            _semaphore.Release();
        }
    }

    /// <summary>Waits for a signal; what was done before any <see cref="Set"/> up to the return is visible to the caller.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _set, 0);
    }

    /// <summary>Waits for a signal on a thread of its own (blocking it); false once <paramref name="cancellationToken"/> is cancelled.</summary>
    public bool Wait(CancellationToken cancellationToken)
    {
        try
        {
            _semaphore.Wait(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        Volatile.Write(ref _set, 0);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _semaphore.Dispose();
}
