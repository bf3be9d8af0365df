using ContactCenter.Sdp;

namespace ContactCenter.Sessions;

/// <summary>
/// One leg of a call as the engine commands it. The session layer behind it owns the signalling: provisional and final
/// responses, their retransmission and acknowledgement, offer/answer, re-offers, the session timer and its refreshes,
/// transfers and cancellation races. Every command is safe after the leg ended (it then does nothing and reports so);
/// none throws for a peer's behaviour.
/// </summary>
public interface ILegSession
{
    /// <summary>The leg's identity, stable for its life (for logs and for naming it in a transfer).</summary>
    string Id { get; }

    /// <summary>True once the leg is established (answered, acknowledged where needed).</summary>
    bool IsAnswered { get; }

    /// <summary>Inbound legs: tells the caller it is ringing, with our early media when given (ringback, an announcement).</summary>
    /// <returns>False when the leg already ended.</returns>
    ValueTask<bool> RingAsync(SdpSession? earlyMedia, CancellationToken cancellationToken);

    /// <summary>Inbound legs: answers with our media (the answer to the caller's offer, or our offer for a late offer).</summary>
    /// <returns>False when the leg ended first (the caller cancelled while we answered); the engine then ends the call.</returns>
    ValueTask<bool> AnswerAsync(SdpSession media, CancellationToken cancellationToken);

    /// <summary>Inbound legs: refuses the call with <paramref name="cause"/>; the leg ends.</summary>
    ValueTask RejectAsync(LegEndCause cause, CancellationToken cancellationToken);

    /// <summary>Ends the leg whatever its state: withdraws an unanswered offer, hangs up an answered leg.</summary>
    ValueTask HangUpAsync(CancellationToken cancellationToken);

    /// <summary>Offers new media in the established leg (hold, resume, a new bridge address).</summary>
    /// <returns>The peer's answer, or null when it refused or the leg ended.</returns>
    ValueTask<SdpSession?> OfferMediaAsync(SdpSession media, CancellationToken cancellationToken);

    /// <summary>Asks the peer to call <paramref name="target"/> (RFC 3515), in place of <paramref name="replaces"/> when given (RFC 3891).</summary>
    /// <returns>True when the peer accepted the request.</returns>
    ValueTask<bool> ReferAsync(LegTarget target, ILegSession? replaces, CancellationToken cancellationToken);

    /// <summary>Reports how a transfer this leg's peer asked for is going.</summary>
    ValueTask ReportTransferAsync(TransferProgress progress, CancellationToken cancellationToken);

    /// <summary>Refreshes the session now (the session layer's own timer normally does it).</summary>
    /// <returns>False when the peer refused or the leg ended.</returns>
    ValueTask<bool> RefreshAsync(CancellationToken cancellationToken);
}
