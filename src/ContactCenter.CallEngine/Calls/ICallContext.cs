using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>What the pieces of a <see cref="Call"/> (routing, transfers, the caller's responses) may ask of it.</summary>
internal interface ICallContext
{
    Guid Id { get; }

    string CallerNumber { get; }

    /// <summary>True when the caller's INVITE had no SDP (no early media).</summary>
    bool LateOffer { get; }

    /// <summary>The trunk a carrier's call came in on, or null.</summary>
    string? Trunk { get; }

    /// <summary>The trunk's number (DID) the caller dialled, when it mapped to the call's target; else null.</summary>
    string? Did { get; }

    CallServices Services { get; }

    /// <summary>The call's state: read and changed only in steps on <see cref="Loop"/>.</summary>
    CallState State { get; }

    /// <summary>The call's one writer.</summary>
    CallLoop Loop { get; }

    /// <summary>The media of the leg the call arrived on.</summary>
    LegMedia CallerMedia { get; }

    /// <summary>Cancelled when the call ends.</summary>
    CancellationToken Ending { get; }

    DateTimeOffset Now { get; }

    /// <summary>Publishes a call event with the call's next sequence number.</summary>
    void Publish<T>(Func<int, T> create)
        where T : class;

    /// <summary>Runs <paramref name="task"/> in the background; a failure is logged against the call.</summary>
    void Observe(Task task);

    /// <summary>Ends the call: <paramref name="cause"/> told to an unanswered caller, BYE to the legs other than <paramref name="source"/>.</summary>
    Task EndAsync(CallEndedBy endedBy, string reason, LegEndCause cause, CallParty? source);

    /// <summary>Ends the call as the caller's CANCEL does (487 to the caller, its agents' offers withdrawn).</summary>
    Task CancelByCallerAsync();

    /// <summary>A new offer whose answering leg reports to this call as its callee.</summary>
    CallOffer NewOffer();

    /// <summary>Records that <paramref name="target"/> is being offered the call.</summary>
    void Offered(string target);

    /// <summary>Records that offering the call to <paramref name="target"/> failed.</summary>
    void OfferFailed(string target, string reason);

    /// <summary>
    /// The target answered: bridge it to the caller and answer the caller. False when the answered leg had already ended
    /// (the target hung up as it answered): the leg is discarded and the offer reported failed; the caller's routing goes
    /// on, a dialled-out or placed call ends.
    /// </summary>
    Task<bool> ConnectAsync(AnsweredLeg answered);

    /// <summary>An answered leg the call cannot use any more: hang it up, free its slot (with the offer's <paramref name="failure"/>, if it failed) and ports.</summary>
    Task DiscardAsync(AnsweredLeg answered, string? failure = null);
}
