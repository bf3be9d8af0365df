namespace ContactCenter.Host.Calls.Spool;

/// <summary>
/// One reader's place in a <see cref="CallEventSpool"/>: the number of the last record its consumer has for good
/// (<see cref="Committed"/>), and the number kept in the cursor's own checkpoint file (<see cref="Saved"/>), so a restart
/// replays only what that consumer lacks. The two differ while a save is put off (see <see cref="Commit"/>): a crash then
/// replays the records in between, which every consumer ignores as duplicates.
/// </summary>
internal sealed class SpoolCursor
{
    private readonly CallEventSpool _spool;
    private readonly Lock _saving = new();
    private long _committed;
    private long _saved;

    internal SpoolCursor(CallEventSpool spool, string name, long committed) => (_spool, Name, _committed, _saved) = (spool, name, committed, committed);

    /// <summary>The cursor's name (a lane's).</summary>
    public string Name { get; }

    /// <summary>The number of the last record this cursor's consumer has.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    /// <summary>The number in the checkpoint file: where a restart resumes. Segments before it may be deleted.</summary>
    public long Saved => Interlocked.Read(ref _saved);

    /// <summary>
    /// Records that the consumer has every record up to <paramref name="sequence"/>; saved before it returns when
    /// <paramref name="save"/>, else by a later <see cref="Save"/> (one file write for many batches).
    /// </summary>
    public void Commit(long sequence, bool save = true)
    {
        if (sequence > Committed)
        {
            Interlocked.Exchange(ref _committed, sequence);
        }

        if (save)
        {
            Save();
        }
    }

    /// <summary>Writes <see cref="Committed"/> to the checkpoint file if it moved since the last save; thread-safe.</summary>
    public void Save()
    {
        lock (_saving)
        {
            var committed = Committed;
            if (committed <= _saved)
            {
                return;
            }

            _spool.SaveCheckpoint(Name, committed);
            Interlocked.Exchange(ref _saved, committed);
        }

        _spool.DropPassedSegments();
    }
}
