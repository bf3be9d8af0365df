namespace ContactCenter.Host.Calls.Recovery;

/// <summary>Crash recovery (issue #15, section <c>Recovery</c>): where the journals of open calls and dialogs live.</summary>
public sealed class RecoveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Recovery";

    /// <summary>
    /// The folder (relative to the content root) holding <c>calls/</c> and <c>dialogs/</c>, on local disk; by default
    /// <c>recovery/</c> inside the call-event spool's folder (<c>CallEvents:Spool:Directory</c>), which is the host's own.
    /// </summary>
    public string? Directory { get; set; }
}
