namespace ContactCenter.Host.Calls.Recovery;

/// <summary>Crash recovery (issue #15, section <c>Recovery</c>): where the journals of open calls and dialogs live, and how long
/// an unreachable phone's BYE waits for it to register again.</summary>
public sealed class RecoveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Recovery";

    /// <summary>
    /// The folder (relative to the content root) holding <c>calls/</c> and <c>dialogs/</c>, on local disk; by default
    /// <c>recovery/</c> inside the call-event spool's folder (<c>CallEvents:Spool:Directory</c>), which is the host's own.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// How long the BYE for a TCP/TLS phone that a restart could not reach waits for that phone to register again (on a
    /// new connection, over which it is then sent); zero sends none. Five minutes by default.
    /// </summary>
    public TimeSpan ReconnectWindow { get; set; } = TimeSpan.FromMinutes(5);
}
