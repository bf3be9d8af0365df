namespace ContactCenter.Crm.Persistence;

/// <summary>
/// Whether the CRM database was just found down: for <see cref="DownFor"/> after a failure, paths that can go on without
/// it (call control through an outage, issue #15) do not wait for EF's retries again on every request.
/// </summary>
public sealed class DatabaseOutage(TimeProvider time)
{
    /// <summary>How long after a failure the database counts as down.</summary>
    public static readonly TimeSpan DownFor = TimeSpan.FromSeconds(30);

    private long _downUntilTicks;

    /// <summary>True for <see cref="DownFor"/> after <see cref="Failed"/>.</summary>
    public bool IsDown => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _downUntilTicks);

    /// <summary>The database could not be reached.</summary>
    public void Failed() => Interlocked.Exchange(ref _downUntilTicks, (time.GetUtcNow() + DownFor).UtcTicks);
}
