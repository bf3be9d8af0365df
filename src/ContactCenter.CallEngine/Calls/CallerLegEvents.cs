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
    // Let go of once the leg has ended: the session layer keeps an ended leg's session while its transactions absorb
    // retransmissions (up to 32 s over UDP), and the call, its media and sockets must not live that long (issue #14).
    private Call? _call = call;

    /// <summary>The events of a refused leg.</summary>
    public static CallerLegEvents Refused { get; } = new(null);

    /// <summary>The call has ended (its own hang-up included, which the session does not report back): let go of it.</summary>
    public void Release() => Volatile.Write(ref _call, null);

    public void OnRinging(ILegSession leg, SdpSession? earlyMedia)
    {
        // An arriving call's leg is the one we ring, not a leg that rings.
    }

    public void OnAnswered(ILegSession leg, SdpSession media) => Volatile.Read(ref _call)?.OnLateAnswer(CallParty.Caller, leg, media);

    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) =>
        Volatile.Read(ref _call) is { } call ? call.OnMediaOfferAsync(CallParty.Caller, leg, offer) : ValueTask.FromResult<SdpSession?>(null);

    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) =>
        Volatile.Read(ref _call) is { } call ? new(call.OnTransferRequestedAsync(CallParty.Caller, leg, request)) : ValueTask.FromResult(false);

    public void OnDtmf(ILegSession leg, LegDtmf dtmf)
    {
        // Key presses reach the call in its media (RFC 4733), where the voice menu listens.
    }

    public void OnEnded(ILegSession leg, LegEnded ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        if (Interlocked.Exchange(ref _call, null) is not { } call)
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
