using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>One leg of an <see cref="OriginatedCall"/>: media offers hold or resume, the leg's end ends the call, transfers are refused.</summary>
internal sealed class OriginatedLeg(OriginatedCall call, CallParty party) : ILegOwner
{
    /// <inheritdoc />
    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) => call.OnMediaOfferAsync(party, leg, offer);

    /// <inheritdoc />
    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => ValueTask.FromResult(false);

    /// <inheritdoc />
    public void OnAnswered(ILegSession leg, SdpSession media)
    {
        // Placed legs carry our offer: their answer came with the 2xx.
    }

    /// <inheritdoc />
    public void OnLegEnded(ILegSession leg, LegEnded ended) => call.OnLegEnded(party, leg, ended);
}
