using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.CallLog;

/// <summary>How the call log writes (<c>CallLog</c> section).</summary>
internal sealed class CallLogOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "CallLog";

    /// <summary>The most <see cref="MaxBatch"/> may be: the bus hands the call log this many events at once.</summary>
    public const int MaxBatchLimit = 500;

    /// <summary>Most events written in one transaction (1: one transaction per event, as before group commit).</summary>
    [Range(1, MaxBatchLimit)]
    public int MaxBatch { get; set; } = MaxBatchLimit;

    /// <summary>
    /// Writers storing batches side by side: while one waits for its commit to reach the disk the next batch is already
    /// being written. Events of one call in two batches at once serialise on the call's row lock (taken in id order).
    /// </summary>
    [Range(1, 16)]
    public int Writers { get; set; } = 2;
}
