using ContactCenter.CallEngine.Media;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The mutable state of one <see cref="Call"/>, shared by the pieces that run it (routing, transfers, hold, the
/// caller's responses). Every read and write holds <see cref="Gate"/>; signalling and media I/O happen outside it.
/// </summary>
internal sealed class CallState
{
    /// <summary>The one lock that serialises the call's state changes.</summary>
    public Lock Gate { get; } = new();

    public CallPhase Phase { get; set; } = CallPhase.Ringing;

    /// <summary>The leg to whoever answered (a transfer replaces it).</summary>
    public ILegSession? CalleeLeg { get; set; }

    /// <summary>The callee leg's events (an attended transfer hands them to the adopting call).</summary>
    public OfferWaiter? CalleeEvents { get; set; }

    public LegMedia? CalleeMedia { get; set; }

    /// <summary>The agent offered the call while ringing, the answering one afterwards.</summary>
    public string? Agent { get; set; }

    /// <summary>Whether <see cref="Agent"/>'s call slot is ours to give back.</summary>
    public bool AgentReserved { get; set; }

    /// <summary>What the caller hears while ringing (ringback, an announcement, music in a queue).</summary>
    public AnnouncementPlayer? Ringback { get; set; }

    public MediaBridge? Bridge { get; set; }

    public CallRecording? Recording { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>A transfer is under way (one at a time).</summary>
    public bool Transferring { get; set; }

    /// <summary>The transferring agent hung up during the transfer (RFC 5589 §6).</summary>
    public bool TransferorLeft { get; set; }
}
