using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The events of a leg the engine placed, as one awaited outcome: its answer (with the answerer's media) or its end
/// (later ones are ignored: the offer decides on the first). Once answered, the leg's transfer requests go to its owner
/// (<paramref name="owner"/>, which follows the leg when a transfer moves it). Media offers still reach the call through
/// the leg's dialog handler until issue #14 moves them behind the port, so that event refuses.
/// </summary>
internal sealed class OfferWaiter(ITransferTaker? owner) : ILegEvents
{
    private readonly TaskCompletionSource<(SdpSession? Answer, LegEnded? Ended)> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the answer's media, or with why the leg ended unanswered.</summary>
    public Task<(SdpSession? Answer, LegEnded? Ended)> Outcome => _outcome.Task;

    public void OnRinging(ILegSession leg, SdpSession? earlyMedia)
    {
        // Ringing changes nothing for the call: the caller keeps hearing its ringback or announcement.
    }

    public void OnAnswered(ILegSession leg, SdpSession media) => _outcome.TrySetResult((media, null));

    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) => ValueTask.FromResult<SdpSession?>(null);

    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) =>
        owner?.OnTransferRequestedAsync(leg, request) ?? ValueTask.FromResult(false);

    public void OnDtmf(ILegSession leg, LegDtmf dtmf)
    {
        // Key presses reach the call in its media (RFC 4733).
    }

    public void OnEnded(ILegSession leg, LegEnded ended) => _outcome.TrySetResult((null, ended));
}
