using ContactCenter.Sdp;

namespace ContactCenter.Sessions;

/// <summary>
/// What a leg tells its call, implemented by the engine. The session layer calls these one at a time per leg; an
/// implementation hands them to its call's own loop and must not block the session layer.
/// </summary>
public interface ILegEvents
{
    /// <summary>Outbound legs: the target rings, with its early media when it sent some.</summary>
    void OnRinging(ILegSession leg, SdpSession? earlyMedia);

    /// <summary>
    /// Outbound legs: the target answered with its media. Inbound legs answered with our offer (the caller made a late
    /// offer): the caller's answer, from its acknowledgement.
    /// </summary>
    void OnAnswered(ILegSession leg, SdpSession media);

    /// <summary>The peer offers new media (hold, resume, a change).</summary>
    /// <returns>Our answer, or null to refuse the offer (the leg and its media stay as they were).</returns>
    ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer);

    /// <summary>The peer asks for the call to be transferred.</summary>
    /// <returns>True when the engine takes the transfer on (progress follows through <see cref="ILegSession.ReportTransferAsync"/>).</returns>
    ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request);

    /// <summary>The peer pressed a key (signalled in the session).</summary>
    void OnDtmf(ILegSession leg, LegDtmf dtmf);

    /// <summary>
    /// The leg is over (the last event of a leg): the peer refused, cancelled or hung up, or the session layer ended it
    /// (session expired, peer lost). Not raised for an established leg the engine itself hung up.
    /// </summary>
    void OnEnded(ILegSession leg, LegEnded ended);
}
