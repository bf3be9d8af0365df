using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>The call that owns an established leg, told what the leg's peer does (the leg's events after its answer).</summary>
internal interface ILegOwner
{
    /// <summary>The peer offers new media (hold, resume, a change): our answer, or null to refuse it.</summary>
    ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer);

    /// <summary>True when the transfer is taken on (its progress is reported through <paramref name="leg"/>).</summary>
    ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request);

    /// <summary>An arriving leg we answered with our offer: the peer's answer (in its ACK).</summary>
    void OnAnswered(ILegSession leg, SdpSession media);

    /// <summary>The peer, or the session layer (session expiry, a lost peer), ended the leg.</summary>
    void OnLegEnded(ILegSession leg, LegEnded ended);
}
