using System.ComponentModel.DataAnnotations;

namespace ContactCenter.CallEngine.Configuration;

/// <summary>How the engine handles calls (section <c>Sip:Calls</c>).</summary>
public sealed class CallOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sip:Calls";

    /// <summary>How long one target rings before the call moves to the next target.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Sip:Calls:RingTimeout must be from 1 s to 10 min.")]
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many calls one agent may have at once (ringing or talking); 0 for no limit (load tests).</summary>
    [Range(0, 1_000)]
    public int AgentCallLimit { get; set; } = 1;

    /// <summary>Whether the caller hears ringback as early media (183 with SDP) while agents ring; else 180.</summary>
    public bool EarlyMedia { get; set; } = true;

    /// <summary>
    /// While a call waits in a queue, the router is asked again whenever an agent's call ends and at least this often.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Sip:Calls:QueuePollInterval must be from 100 ms to 1 min.")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a queued caller hears their position and expected wait again.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00", ErrorMessage = "Sip:Calls:QueueAnnounceInterval must be from 10 s to 30 min.")]
    public TimeSpan QueueAnnounceInterval { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The operator pool the engine offers calls to until the ACD decides (longest idle first), in order of
    /// preference among equally idle ones. Null or empty means every configured extension.
    /// </summary>
    public List<string>? Operators { get; set; }

    /// <summary>
    /// Session guard: the longest a call may last; it is ended (BYE to both sides) after that, so a call whose
    /// BYE was lost cannot hold an agent and ports for ever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Sip:Calls:MaxDuration must be from 10 s to 1 day.")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// Session timers (RFC 4028): the session interval in seconds the engine asks for and grants (a caller's
    /// smaller Session-Expires is kept, down to <see cref="MinSE"/>). The refresher refreshes at half of it; a leg
    /// that is not refreshed in time ends the call (BYE to both legs).
    /// </summary>
    [Range(90, 86_400, ErrorMessage = "Sip:Calls:SessionExpires must be from 90 to 86400 seconds.")]
    public int SessionExpires { get; set; } = 1800;

    /// <summary>The smallest session interval in seconds the engine accepts (RFC 4028 Min-SE; never below 90); smaller ones get 422.</summary>
    [Range(90, 86_400, ErrorMessage = "Sip:Calls:MinSE must be from 90 to 86400 seconds.")]
    public int MinSE { get; set; } = 90;

    /// <summary>
    /// Voicemail (issue #18): the longest message in seconds a caller may leave when the queue is closed (the recording
    /// then ends); 0 switches voicemail off everywhere (the caller hears the closed announcement and the call ends).
    /// </summary>
    [Range(0, 3_600, ErrorMessage = "Sip:Calls:VoicemailMaxSeconds must be from 0 (off) to 3600.")]
    public int VoicemailMaxSeconds { get; set; } = 120;

    /// <summary>A shorter message (or one with less than 0.3 s of speech-level audio) is discarded: no task is made.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Sip:Calls:VoicemailMinLength must be from 0 to 1 min.")]
    public TimeSpan VoicemailMinLength { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The user part of the engine's own Contact URI.</summary>
    public string ContactUser { get; set; } = "cc";

    /// <summary>
    /// Checks that a call's state is only touched from the call's own loop (every access; a stray one throws and is
    /// logged against the call). On in debug builds and in the engine's lifecycle tests; a diagnostic, off in production.
    /// </summary>
#if DEBUG
    public bool CheckStateOwner { get; set; } = true;
#else
    public bool CheckStateOwner { get; set; }
#endif
}
