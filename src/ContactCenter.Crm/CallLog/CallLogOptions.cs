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
    /// Writers storing batches side by side, each for its share of the calls (by call id): while one waits for its commit
    /// to reach the disk the other's batch is already being written, and neither waits for the other's row locks.
    /// </summary>
    [Range(1, 16)]
    public int Writers { get; set; } = 2;
}
