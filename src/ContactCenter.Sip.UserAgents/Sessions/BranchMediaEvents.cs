using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// The engine's events of a leg whose media goes through an adapter (<see cref="IBranchMedia"/>): the contact's new offers
/// are translated both ways, and the adapter is disposed when the leg ends. Raises <see cref="ILegEvents.OnEnded"/> once.
/// </summary>
internal sealed class BranchMediaEvents(ILegEvents inner, IBranchMedia media) : ILegEvents
{
    private int _ended;

    /// <summary>The adapter.</summary>
    public IBranchMedia Media => media;

    public void OnRinging(ILegSession leg, SdpSession? earlyMedia) => inner.OnRinging(leg, null);

    public void OnAnswered(ILegSession leg, SdpSession answer) => inner.OnAnswered(leg, answer);

    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return media.AnswerContactOfferAsync(offer.Media, translated => inner.OnMediaOfferAsync(leg, offer with { Media = translated }));
    }

    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => inner.OnTransferRequestedAsync(leg, request);

    public void OnDtmf(ILegSession leg, LegDtmf dtmf) => inner.OnDtmf(leg, dtmf);

    public void OnEnded(ILegSession leg, LegEnded ended)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        _ = media.DisposeAsync().AsTask();
        inner.OnEnded(leg, ended);
    }

    /// <summary>The engine ended the leg itself: the adapter goes, and no event follows.</summary>
    public ValueTask CloseAsync() => Interlocked.Exchange(ref _ended, 1) == 0 ? media.DisposeAsync() : ValueTask.CompletedTask;
}
