namespace ContactCenter.Crm.MasterData.Import;

/// <summary>
/// How far an import has come, written by the import and read by the console's poll from another thread: the phase
/// (<c>checking</c> every row, then <c>applying</c> the good ones in chunks) and rows done of the phase's total.
/// </summary>
public sealed class ImportProgress
{
    private string _phase = "queued";
    private int _done;
    private int _total;

    /// <summary>A progress nobody reads (a request answered when the import is over).</summary>
    public static ImportProgress None => new();

    /// <summary><c>queued</c>, <c>checking</c>, <c>applying</c> or <c>done</c>.</summary>
    public string Phase => Volatile.Read(ref _phase);

    /// <summary>Rows of the phase done.</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>Rows the phase has to do.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Starts a phase of <paramref name="total"/> rows.</summary>
    public void Begin(string phase, int total)
    {
        Volatile.Write(ref _done, 0);
        Volatile.Write(ref _total, total);
        Volatile.Write(ref _phase, phase);
    }

    /// <summary>Counts rows done in the phase.</summary>
    public void Advance(int rows) => Interlocked.Add(ref _done, rows);

    /// <summary>The import is over (rows done of the last phase stay).</summary>
    public void Finish() => Volatile.Write(ref _phase, "done");
}
