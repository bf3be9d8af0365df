using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// One party's leg (either party, either way the call started) as its <see cref="Call"/> sees it once established: the
/// peer's media offers (hold, resume), its transfer requests and the leg's end go to the call (an attended transfer gives a leg a new owner: <see cref="OfferWaiter.MoveTo"/>).
/// </summary>
internal sealed class CallLeg(Call call, CallParty party) : ILegOwner
{
    /// <summary>The call the leg belongs to.</summary>
    public Call Call { get; } = call;

    /// <inheritdoc />
    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) => Call.OnMediaOfferAsync(party, leg, offer);

    /// <inheritdoc />
    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => new(Call.OnTransferRequestedAsync(party, leg, request));

    /// <inheritdoc />
    public void OnAnswered(ILegSession leg, SdpSession media) => Call.OnLateAnswer(party, leg, media);

    /// <inheritdoc />
    public void OnLegEnded(ILegSession leg, LegEnded ended) => Call.OnLegEnded(party, leg, ended);
}
