namespace ContactCenter.Crm.Model;

/// <summary>
/// A call's recording in the catalogue: the file the engine wrote and how long it is. The call's parties, agent, queue,
/// client, disposition and orders are read from the call record and the orders at search time, so they stay current.
/// </summary>
public sealed class Recording
{
    /// <summary>The recorded call (one recording per call).</summary>
    public Guid CallId { get; set; }

    /// <summary>The WAV file as the engine reported it.</summary>
    public required string Path { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>When the recording was complete (the engine's clock).</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When the retention job deleted the file; the row stays, with its audit.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
