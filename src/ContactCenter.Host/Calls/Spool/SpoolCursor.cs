namespace ContactCenter.Host.Calls.Spool;

/// <summary>
/// One reader's place in a <see cref="CallEventSpool"/>: the number of the last record its consumer has for good, kept in
/// the cursor's own checkpoint file so a restart replays only what that consumer lacks.
/// </summary>
internal sealed class SpoolCursor
{
    private readonly CallEventSpool _spool;
    private long _committed;

    internal SpoolCursor(CallEventSpool spool, string name, long committed) => (_spool, Name, _committed) = (spool, name, committed);

    /// <summary>The cursor's name (a lane's).</summary>
    public string Name { get; }

    /// <summary>The number of the last record this cursor's consumer has.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    /// <summary>Records that the consumer has every record up to <paramref name="sequence"/> (saved before it returns).</summary>
    public void Commit(long sequence)
    {
        if (sequence <= Committed)
        {
            return;
        }

        Interlocked.Exchange(ref _committed, sequence);
        _spool.Commit(this, sequence);
    }
}
