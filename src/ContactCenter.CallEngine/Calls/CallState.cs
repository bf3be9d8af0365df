using ContactCenter.CallEngine.Media;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The mutable state of one <see cref="Call"/>. Only the call's <see cref="CallLoop"/> reads or writes it: its steps
/// (leg events, commands, the steps of routing, transfers, hold and announcements) run one at a time, so it needs no
/// lock. With <c>Sip:Calls:CheckStateOwner</c> (debug builds, the lifecycle tests) every access is checked
/// (<see cref="CallLoop.AssertCurrent"/>), so a stray one fails the tests.
/// </summary>
internal sealed class CallState(CallLoop loop, ILegSession? callerLeg, LegMedia? callerMedia)
{
    private CallPhase _phase = CallPhase.Ringing;
    private ILegSession? _callerLeg = callerLeg;
    private LegMedia? _callerMedia = callerMedia;
    private string? _callerSlot;
    private ILegSession? _calleeLeg;
    private OfferWaiter? _calleeEvents;
    private OfferWaiter? _callerEvents;
    private LegMedia? _calleeMedia;
    private string? _agent;
    private bool _agentReserved;
    private AnnouncementPlayer? _ringback;
    private MediaBridge? _bridge;
    private CallRecording? _recording;
    private string? _recordingRefused;
    private VoicemailMessage? _voicemail;
    private DateTimeOffset? _answeredAt;
    private bool _transferring;
    private bool? _ringbackOverHold;
    private bool _transferorLeft;
    private bool _held;

    public CallPhase Phase { get => Get(_phase); set => Set(ref _phase, value); }

    /// <summary>The caller's leg: the arriving leg, or the agent's leg of a placed call once it answered.</summary>
    public ILegSession? CallerLeg { get => Get(_callerLeg); set => Set(ref _callerLeg, value); }

    public LegMedia? CallerMedia { get => Get(_callerMedia); set => Set(ref _callerMedia, value); }

    /// <summary>The agent on the caller's side whose call slot is ours to give back (a calling agent, a placed call's agent).</summary>
    public string? CallerSlot { get => Get(_callerSlot); set => Set(ref _callerSlot, value); }

    /// <summary>The leg to whoever answered (a transfer replaces it).</summary>
    public ILegSession? CalleeLeg { get => Get(_calleeLeg); set => Set(ref _calleeLeg, value); }

    /// <summary>The callee leg's events (an attended transfer hands them to the adopting call).</summary>
    public OfferWaiter? CalleeEvents { get => Get(_calleeEvents); set => Set(ref _calleeEvents, value); }

    /// <summary>The caller leg's events when the engine placed it (a call placed from an agent's phone).</summary>
    public OfferWaiter? CallerEvents { get => Get(_callerEvents); set => Set(ref _callerEvents, value); }

    public LegMedia? CalleeMedia { get => Get(_calleeMedia); set => Set(ref _calleeMedia, value); }

    /// <summary>The agent offered the call while ringing, the answering one afterwards (a placed call's agent throughout).</summary>
    public string? Agent { get => Get(_agent); set => Set(ref _agent, value); }

    /// <summary>Whether <see cref="Agent"/>'s call slot is ours to give back.</summary>
    public bool AgentReserved { get => Get(_agentReserved); set => Set(ref _agentReserved, value); }

    /// <summary>What the waiting party hears (ringback, an announcement, music in a queue).</summary>
    public AnnouncementPlayer? Ringback { get => Get(_ringback); set => Set(ref _ringback, value); }

    public MediaBridge? Bridge { get => Get(_bridge); set => Set(ref _bridge, value); }

    public CallRecording? Recording { get => Get(_recording); set => Set(ref _recording, value); }

    /// <summary>Why the call's recording could not start (the volume nearly full, the folder not writable), or null.</summary>
    public string? RecordingRefused { get => Get(_recordingRefused); set => Set(ref _recordingRefused, value); }

    /// <summary>The caller's message being recorded (the voicemail phase).</summary>
    public VoicemailMessage? Voicemail { get => Get(_voicemail); set => Set(ref _voicemail, value); }

    public DateTimeOffset? AnsweredAt { get => Get(_answeredAt); set => Set(ref _answeredAt, value); }

    /// <summary>A transfer is under way (one at a time).</summary>
    public bool Transferring { get => Get(_transferring); set => Set(ref _transferring, value); }

    /// <summary>
    /// While a blind transfer's ringback is on the callee's side: whether the agent's phone held the call when the transfer
    /// began (the call is shown held as it was, not because of the ringback); null otherwise.
    /// </summary>
    public bool? RingbackOverHold { get => Get(_ringbackOverHold); set => Set(ref _ringbackOverHold, value); }

    /// <summary>The transferring agent hung up during the transfer (RFC 5589 §6).</summary>
    public bool TransferorLeft { get => Get(_transferorLeft); set => Set(ref _transferorLeft, value); }

    /// <summary>A party holds the call (music to the other).</summary>
    public bool Held { get => Get(_held); set => Set(ref _held, value); }

    private T Get<T>(T value)
    {
        Check();
        return value;
    }

    private void Set<T>(ref T field, T value)
    {
        Check();
        field = value;
    }

    private void Check()
    {
        if (loop.Checked)
        {
            loop.AssertCurrent();
        }
    }
}
