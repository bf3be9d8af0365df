using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>The sink of a leg nobody took (the engine failed on its offer): events are dropped, offers and transfers refused.</summary>
internal sealed class RefusingLegEvents : ILegEvents
{
    public static readonly RefusingLegEvents Instance = new();

    private RefusingLegEvents()
    {
    }

    public void OnRinging(ILegSession leg, SdpSession? earlyMedia)
    {
    }

    public void OnAnswered(ILegSession leg, SdpSession media)
    {
    }

    public void OnDtmf(ILegSession leg, LegDtmf dtmf)
    {
    }

    public void OnEnded(ILegSession leg, LegEnded ended)
    {
    }

    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) => ValueTask.FromResult<SdpSession?>(null);

    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => ValueTask.FromResult(false);
}
