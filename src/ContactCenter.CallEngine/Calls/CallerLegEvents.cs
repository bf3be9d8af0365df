using ContactCenter.Contracts.Calls;
using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The caller leg's events for its <see cref="Call"/>, or for no call when the engine refused the leg (then nothing
/// follows from them). The session layer raises the leg's end (the caller's CANCEL before the answer) and the caller's
/// transfer requests (the call refuses them: only the answering agent transfers); the caller's other in-dialog requests
/// (re-INVITE, UPDATE, BYE) still reach the call through its dialog handler (<see cref="CallLeg"/>) until issue #14
/// moves them behind the port, so media offers are refused here.
/// </summary>
internal sealed class CallerLegEvents(Call? call) : ILegEvents
{
    /// <summary>The events of a refused leg.</summary>
    public static CallerLegEvents Refused { get; } = new(null);

    public void OnRinging(ILegSession leg, SdpSession? earlyMedia)
    {
        // An arriving call's leg is the one we ring, not a leg that rings.
    }

    public void OnAnswered(ILegSession leg, SdpSession media)
    {
        // Likewise: we answer it.
    }

    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) => ValueTask.FromResult<SdpSession?>(null);

    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) =>
        call?.OnTransferRequestedAsync(CallParty.Caller, leg, request) ?? ValueTask.FromResult(false);

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

        call.Observe(ended.Cause == LegEndCause.Cancelled
            ? call.CancelByCallerAsync()
            : call.EndAsync(call.CallerIsAgent ? CallEndedBy.Agent : CallEndedBy.Caller, ended.Detail, ended.Cause, CallParty.Caller));
    }
}
