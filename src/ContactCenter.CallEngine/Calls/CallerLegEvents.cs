using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The caller leg's events for its <see cref="Call"/>, or for no call when the engine refused the leg (then nothing
/// follows from them): the caller's CANCEL before the answer and its hang-up after it end the call, its media offers
/// hold or resume it, a late offer's answer (in the caller's ACK) sets the caller's media, and its transfer requests
/// are refused by the call (only the answering agent transfers).
/// </summary>
internal sealed class CallerLegEvents(Call? call) : ILegEvents
{
    /// <summary>The events of a refused leg.</summary>
    public static CallerLegEvents Refused { get; } = new(null);

    public void OnRinging(ILegSession leg, SdpSession? earlyMedia)
    {
        // An arriving call's leg is the one we ring, not a leg that rings.
    }

    public void OnAnswered(ILegSession leg, SdpSession media) => call?.OnLateAnswer(CallParty.Caller, leg, media);

    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) =>
        call?.OnMediaOfferAsync(CallParty.Caller, leg, offer) ?? ValueTask.FromResult<SdpSession?>(null);

    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) =>
        call is null ? ValueTask.FromResult(false) : new(call.OnTransferRequestedAsync(CallParty.Caller, leg, request));

    public void OnDtmf(ILegSession leg, LegDtmf dtmf)
    {
        // Key presses reach the call in its media (RFC 4733), where the voice menu listens.
    }

    public void OnEnded(ILegSession leg, LegEnded ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        if (call is null)
        {
            return;
        }

        if (ended.Cause == LegEndCause.Cancelled)
        {
            call.Observe(call.CancelByCallerAsync());
            return;
        }

        call.OnLegEnded(CallParty.Caller, leg, ended);
    }
}
