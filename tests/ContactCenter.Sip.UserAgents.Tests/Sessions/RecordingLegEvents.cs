using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>A stand-in call engine's leg events: records the leg's end; refuses media offers and transfers.</summary>
internal sealed class RecordingLegEvents : ILegEvents
{
    public List<LegEnded> Ended { get; } = [];

    public void OnRinging(ILegSession leg, SdpSession? earlyMedia)
    {
    }

    public void OnAnswered(ILegSession leg, SdpSession media)
    {
    }

    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) => ValueTask.FromResult<SdpSession?>(null);

    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => ValueTask.FromResult(false);

    public void OnDtmf(ILegSession leg, LegDtmf dtmf)
    {
    }

    public void OnEnded(ILegSession leg, LegEnded ended) => Ended.Add(ended);
}
