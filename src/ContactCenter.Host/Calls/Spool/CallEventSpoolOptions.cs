using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Host.Calls.Spool;

/// <summary>Where and how the engine's call events are written to disk before they go to the bus.</summary>
public sealed class CallEventSpoolOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "CallEvents:Spool";

    /// <summary>
    /// The spool folder (one host per folder; it is locked). Relative paths are under the content root. Keep it on a
    /// local disk that survives a restart: events not yet on the bus are replayed from it.
    /// </summary>
    [Required(ErrorMessage = "CallEvents:Spool:Directory is empty: name a folder for the call-event spool.")]
    public string Directory { get; set; } = "data/call-events";

    /// <summary>A segment file is closed and a new one started past this size.</summary>
    [Range(64 * 1024, 1024L * 1024 * 1024, ErrorMessage = "CallEvents:Spool:SegmentBytes must be between 64 KiB and 1 GiB.")]
    public long SegmentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How many events one forwarding pass reads from the spool at most.</summary>
    [Range(1, 10_000, ErrorMessage = "CallEvents:Spool:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How often at most a lane's checkpoint file is rewritten while events flow (zero: after every batch, as before).
    /// A crash (kill -9, power loss) replays to a consumer the events it took in the last interval; every consumer ignores
    /// them as duplicates. A clean stop saves every checkpoint. At 1,000 calls/s a write and rename per batch and lane
    /// was a few per cent of the host's CPU.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "CallEvents:Spool:CheckpointInterval must be between 0 and 10 seconds.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How many bytes of the last records written are kept in memory for the lanes (zero: none, every lane reads the
    /// files). A lane that keeps up reads no file; at 1,000 calls/s two reads per record and lane were a few per cent of
    /// the host's CPU.
    /// </summary>
    [Range(0, 256 * 1024 * 1024, ErrorMessage = "CallEvents:Spool:MemoryBytes must be between 0 and 256 MiB.")]
    public int MemoryBytes { get; set; } = SpoolTail.DefaultBytes;

    /// <summary>
    /// The least time between two group commits of the spool (zero: sync as soon as the previous sync ends). Events
    /// appended within it are made durable together by the next fsync, so a busy host syncs at most once per window
    /// instead of once per handful of events (PostgreSQL's <c>commit_delay</c>); an event after a quiet spell is synced at
    /// once. Only a power loss within the window can lose events: they are in the kernel from the moment they are
    /// published, so a crash of the process loses none.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01", ErrorMessage = "CallEvents:Spool:GroupCommitWindow must be between 0 and 1 second.")]
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The least time between two deliveries to a lane that gains from batches (the CRM's call log on one machine; not
    /// the bus) (zero: deliver as soon as the previous delivery ends). Such a lane, while it keeps up, takes what became
    /// durable within the window in one batch, so the call log writes one transaction per window instead of one per few
    /// events; a call's record shows in the CRM up to this much later (plus <see cref="GroupCommitWindow"/>). A lane
    /// that is behind takes full batches back to back.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01", ErrorMessage = "CallEvents:Spool:DeliveryWindow must be between 0 and 1 second.")]
    public TimeSpan DeliveryWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest wait between publish attempts while the broker is down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "CallEvents:Spool:MaxRetryDelay must be between 10 ms and 10 minutes.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Readiness turns "degraded" when more events than this wait for a lane. A lane that keeps up has the last windows'
    /// events waiting (at 1,000 calls/s several hundred), so the default leaves room for them; an outage at that rate
    /// passes it within a second.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int DegradedBacklog { get; set; } = 5_000;
}
